package dev.bulwark.dataplane.threat;

import java.io.ByteArrayInputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Checks an XML document in one streaming pass (the JDK's StAX parser: no tree, no recursion)
 * against the same {@link JsonLimits} as JSON bodies: element depth, elements plus attributes,
 * attributes per element, length of a text or attribute value.
 *
 * <p>Document type declarations are refused outright, which is what closes XML's own attacks: no
 * DTD means no entity declarations, so neither a billion laughs (exponential internal entities) nor
 * XXE (external entities reading {@code file:///etc/passwd} or fetching internal URLs) can be
 * expressed, and the parser is configured so that it would not resolve them anyway.
 */
public final class XmlShapeScanner {

    public enum Verdict { OK, MALFORMED, DTD_FORBIDDEN, TOO_DEEP, TOO_MANY_ENTRIES, OBJECT_TOO_LARGE, STRING_TOO_LONG }

    /** Factories are not documented as thread-safe: one per event loop thread. */
    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(XmlShapeScanner::factory);

    private XmlShapeScanner() {
    }

    static XMLInputFactory factory() {
        // The JDK's own implementation, whatever else is on the class path.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are never resolved");
        });
        return factory;
    }

    public static Verdict scan(byte[] xml, int from, int to, JsonLimits limits) {
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.get().createXMLStreamReader(new ByteArrayInputStream(xml, from, to - from));
            int depth = 0;
            long entries = 0;
            long text = 0;
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION,
                         XMLStreamConstants.NOTATION_DECLARATION -> {
                        return Verdict.DTD_FORBIDDEN;
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++depth > limits.maxDepth()) {
                            return Verdict.TOO_DEEP;
                        }
                        int attributes = reader.getAttributeCount();
                        if (attributes > limits.maxObjectEntries()) {
                            return Verdict.OBJECT_TOO_LARGE;
                        }
                        entries += 1 + attributes;
                        if (entries > limits.maxEntries()) {
                            return Verdict.TOO_MANY_ENTRIES;
                        }
                        for (int i = 0; i < attributes; i++) {
                            if (reader.getAttributeValue(i).length() > limits.maxStringBytes()) {
                                return Verdict.STRING_TOO_LONG;
                            }
                        }
                        text = 0;
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        depth--;
                        text = 0;
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        text += reader.getTextLength();
                        if (text > limits.maxStringBytes()) {
                            return Verdict.STRING_TOO_LONG;
                        }
                    }
                    default -> {
                        // comments, processing instructions, the document's start and end
                    }
                }
            }
            return Verdict.OK;
        } catch (XMLStreamException | RuntimeException e) {
            return Verdict.MALFORMED;
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing was opened beyond the byte array
                }
            }
        }
    }
}
