package dev.bulwark.dataplane;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects the gateway's access-log lines (logger {@code bulwark.access}) while open. */
public final class AccessLogCapture implements AutoCloseable {
    private final Logger access = (Logger) LoggerFactory.getLogger("bulwark.access");
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Level previous;

    public AccessLogCapture() {
        captured.start();
        access.addAppender(captured);
        previous = access.getLevel();
        access.setLevel(Level.INFO);
    }

    /** The JSON lines written so far. */
    public List<String> lines() {
        synchronized (captured.list) {
            return captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** The lines that mention {@code text}. */
    public List<String> linesWith(String text) {
        return lines().stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public void close() {
        access.detachAppender(captured);
        access.setLevel(previous);
    }
}
