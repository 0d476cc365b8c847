package dev.bulwark.testing;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A Redis server shared with others, and a key prefix owned by one test run. Closing deletes every
 * key under the prefix and nothing else.
 *
 * @param uri       {@code redis://host:port[/db]}
 * @param keyPrefix every key the test writes must start with it
 */
public record TestRedis(String uri, String keyPrefix, String origin) implements AutoCloseable {

    /** Keys still present under this run's prefix. */
    public long countKeys() {
        return forEachKey(null);
    }

    @Override
    public void close() {
        forEachKey(commandsAndKey -> commandsAndKey.commands().unlink(commandsAndKey.key()));
    }

    private long forEachKey(java.util.function.Consumer<KeyAction> action) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> commands = connection.sync();
            ScanArgs match = ScanArgs.Builder.matches(escapeGlob(keyPrefix) + "*").limit(500);
            long count = 0;
            KeyScanCursor<String> cursor = commands.scan(match);
            while (true) {
                for (String key : cursor.getKeys()) {
                    count++;
                    if (action != null) {
                        action.accept(new KeyAction(commands, key));
                    }
                }
                if (cursor.isFinished()) {
                    return count;
                }
                cursor = commands.scan(ScanCursor.of(cursor.getCursor()), match);
            }
        } finally {
            client.shutdown();
        }
    }

    private static String escapeGlob(String text) {
        return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    private record KeyAction(RedisCommands<String, String> commands, String key) {
    }
}
