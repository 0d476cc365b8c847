package dev.bulwark.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link TestDatabase} or {@link TestRedis} into a test class's constructor, lifecycle
 * methods or tests. One of each per test class, created on first use and removed after the class.
 */
public final class RealServicesExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealServicesExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestDatabase.class || type == TestRedis.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = classContext(context).getStore(NAMESPACE);
        if (parameter.getParameter().getType() == TestDatabase.class) {
            return store.getOrComputeIfAbsent("database", key -> new Closing(RealServices.newDatabase()), Closing.class).resource();
        }
        return store.getOrComputeIfAbsent("redis", key -> new Closing(RealServices.newRedisPrefix()), Closing.class).resource();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    @SuppressWarnings("deprecation")
    private record Closing(AutoCloseable resource) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Throwable {
            resource.close();
        }
    }
}
