package dev.bulwark.controlplane.billing.invoice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** An invoice or credit note as an A4 PDF (PDFBox, standard fonts: nothing to embed). Pure. */
public final class InvoicePdf {
    private static final float MARGIN = 50;
    private static final float LEADING = 15;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    private InvoicePdf() {
    }

    static byte[] render(BillingDocument document, String tenantName) {
        return render(document, "Bulwark", tenantName);
    }

    /** @param issuer who bills (Bulwark, or a tenant billing its developers) @param recipient who is billed */
    public static byte[] render(BillingDocument document, String issuer, String recipient) {
        ZoneId zone = ZoneId.of(document.timeZone());
        List<String[]> rows = new ArrayList<>();
        for (BillingDocument.Line line : document.lines()) {
            rows.add(new String[] {line.description(), document.currency() + " " + line.amount()});
        }
        boolean credit = BillingDocument.CREDIT_NOTE.equals(document.kind()) || BillingDocument.DEVELOPER_CREDIT_NOTE.equals(document.kind());
        String title = (credit ? "Credit note " : "Invoice ") + document.number();
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            float y = page.getMediaBox().getHeight() - MARGIN;
            PDPageContentStream text = new PDPageContentStream(pdf, page);
            try {
                y = write(text, bold, 18, MARGIN, y, title);
                y = write(text, regular, 10, MARGIN, y - 6, issuer + " - billed to " + recipient);
                y = write(text, regular, 10, MARGIN, y, "Period " + document.periodLabel() + " (" + document.timeZone() + "), issued "
                        + DATE.format(document.issuedAt().atZone(zone)) + ", due " + DATE.format(document.dueAt().atZone(zone)));
                if (document.reason() != null) {
                    y = write(text, regular, 10, MARGIN, y, "Reason: " + document.reason());
                }
                y -= LEADING;
                for (String[] row : rows) {
                    if (y < MARGIN + 4 * LEADING) {
                        text.close();
                        page = new PDPage(PDRectangle.A4);
                        pdf.addPage(page);
                        text = new PDPageContentStream(pdf, page);
                        y = page.getMediaBox().getHeight() - MARGIN;
                    }
                    write(text, regular, 10, MARGIN + 400, y, row[1]);
                    y = write(text, regular, 10, MARGIN, y, shorten(row[0], 75));
                }
                y -= LEADING / 2;
                write(text, regular, 10, MARGIN + 400, y, document.currency() + " " + document.subtotal());
                y = write(text, regular, 10, MARGIN, y, "Subtotal");
                write(text, regular, 10, MARGIN + 400, y, document.currency() + " " + document.tax());
                y = write(text, regular, 10, MARGIN, y, "Tax (" + document.taxRate().toPlainString() + "%)");
                write(text, bold, 11, MARGIN + 400, y, document.currency() + " " + document.total());
                y = write(text, bold, 11, MARGIN, y, "Total");
                write(text, regular, 7, MARGIN, Math.max(y - 2 * LEADING, MARGIN), "Document hash " + document.hash());
            } finally {
                text.close();
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render invoice " + document.number(), e);
        }
    }

    private static float write(PDPageContentStream text, PDType1Font font, float size, float x, float y, String value) throws IOException {
        text.beginText();
        text.setFont(font, size);
        text.newLineAtOffset(x, y);
        text.showText(winAnsi(value));
        text.endText();
        return y - LEADING;
    }

    /** The standard fonts encode WinAnsi only: anything else (a tenant's name in another script) prints as '?'. */
    private static String winAnsi(String value) {
        StringBuilder out = new StringBuilder(value.length());
        java.nio.charset.CharsetEncoder encoder = java.nio.charset.Charset.forName("windows-1252").newEncoder();
        value.codePoints().forEach(c -> {
            String s = new String(Character.toChars(c));
            out.append(c >= 0x20 && encoder.canEncode(s) ? s : "?");
        });
        return out.toString();
    }

    private static String shorten(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "...";
    }
}
