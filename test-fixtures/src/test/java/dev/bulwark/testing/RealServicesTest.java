package dev.bulwark.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class RealServicesTest {

    @Test
    void eachDatabaseIsFreshUsableAndDroppedOnClose() throws Exception {
        TestDatabase first = RealServices.newDatabase();
        TestDatabase second = RealServices.newDatabase();
        try (Connection connection = first.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE marker (id int)");
            statement.execute("INSERT INTO marker VALUES (42)");
        }
        try (Connection connection = second.connect(); Statement statement = connection.createStatement();
             ResultSet tables = statement.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'marker'")) {
            tables.next();
            assertThat(tables.getInt(1)).as("databases of two runs never share tables").isZero();
        }
        assertThat(first.name()).isNotEqualTo(second.name()).startsWith("bulwark_t_");

        first.close();
        second.close();

        try (Connection admin = java.sql.DriverManager.getConnection(first.admin().jdbcUrl(), first.admin().username(), first.admin().password());
             Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_database WHERE datname IN ('" + first.name() + "','" + second.name() + "')")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }

    @Test
    void redisPrefixCleanupDeletesOnlyItsOwnKeys() {
        TestRedis mine = RealServices.newRedisPrefix();
        TestRedis other = RealServices.newRedisPrefix();
        RedisClient client = RedisClient.create(mine.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set(mine.keyPrefix() + "a", "1");
            connection.sync().set(mine.keyPrefix() + "b*?", "2");
            connection.sync().set(other.keyPrefix() + "a", "3");
            assertThat(mine.countKeys()).isEqualTo(2);

            mine.close();

            assertThat(mine.countKeys()).isZero();
            assertThat(connection.sync().get(other.keyPrefix() + "a")).isEqualTo("3");
            other.close();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void unreachableRedisIsReportedNotIgnored() {
        var tried = new ArrayList<String>();

        assertThat(RealServices.answersPing("redis://127.0.0.1:1", tried)).isFalse();
        assertThat(tried).singleElement().asString().contains("127.0.0.1:1");
    }
}
