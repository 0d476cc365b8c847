package dev.bulwark.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.bulwark.controlplane.kernel.CrossTenant;
import dev.bulwark.controlplane.kernel.PlatformTable;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.repository.GenericRepository;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * "The tenant is explicit" for the Micronaut Data repositories: each extends only
 * {@link GenericRepository} (so no inherited {@code findById}/{@code deleteById} can skip the
 * tenant), and each method either takes a {@link TenantId} that its query filters on, writes a row
 * that carries one, or says with {@link CrossTenant} why it spans tenants. The parameter is named
 * {@code tenantId}: a {@code :tenantId} in a {@code @Query} then binds through the row's
 * {@code tenantId} property and its converter (a parameter of another name would reach the driver
 * unconverted and fail).
 * <p>A repository marked {@link PlatformTable} (rows that belong to no tenant) is exempt from the
 * {@code TenantId} rule and in exchange may not reach tenant data: its row carries no tenant, no
 * method takes a {@code TenantId} or names {@code tenant_id}, and it is package-private to its
 * feature. PlatformTablesTest checks against the schema that its table has no {@code tenant_id}.
 */
class RepositoryTenancyTest {
    private static final List<Class<?>> REPOSITORIES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.bulwark.controlplane").stream()
            .filter(type -> type.isAnnotatedWith(JdbcRepository.class))
            .<Class<?>>map(JavaClass::reflect)
            .toList();

    @Test
    void everyRepositoryMethodIsScopedToOneTenant() {
        assertThat(REPOSITORIES).as("repositories found").hasSizeGreaterThanOrEqualTo(2);
        List<String> violations = new ArrayList<>();
        REPOSITORIES.forEach(repository -> violations.addAll(violations(repository)));
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckCatchesUnscopedMethods() {
        assertThat(violations(Unscoped.class)).containsExactlyInAnyOrder(
                "Unscoped extends CrudRepository, not only GenericRepository",
                "Unscoped.findById takes no TenantId",
                "Unscoped.findByTenantIdOrId: derived query names no TenantId condition",
                "Unscoped.rename: @Query does not filter on tenant_id = :tenantId",
                "Unscoped.byName: @Query does not filter on tenant_id = :tenantId",
                "Unscoped.misnamed: its TenantId parameter is not named tenantId");
        assertThat(violations(Scoped.class)).isEmpty();
        assertThat(violations(Tenants.class)).containsExactlyInAnyOrder(
                "Tenants.findBySlug takes no TenantId",
                "Tenants.rename: @Query does not filter on id = :id");
    }

    @Test
    void theCheckCatchesPlatformRepositoriesThatReachTenantData() {
        assertThat(violations(PlatformScoped.class)).isEmpty();
        assertThat(violations(PlatformLeaky.class)).containsExactlyInAnyOrder(
                "PlatformLeaky is public: a platform repository stays package-private to its feature",
                "PlatformLeaky: its row Row carries a TenantId, so it is not a platform table",
                "PlatformLeaky.byTenant takes a TenantId: tenant rows belong in a tenant repository",
                "PlatformLeaky.byTenantColumn: @Query names tenant_id, which a platform table has not",
                "PlatformLeaky.marked: @CrossTenant means nothing on a platform repository");
    }

    /** The platform repositories of the application, for PlatformTablesTest. */
    static List<Class<?>> platformRepositories() {
        return REPOSITORIES.stream().filter(r -> r.isAnnotationPresent(PlatformTable.class)).toList();
    }

    /** The row type a repository maps. */
    static Class<?> rowOf(Class<?> repository) {
        for (java.lang.reflect.Type parent : repository.getGenericInterfaces()) {
            if (parent instanceof java.lang.reflect.ParameterizedType type && type.getActualTypeArguments()[0] instanceof Class<?> row) {
                return row;
            }
        }
        throw new IllegalArgumentException(repository + " names no row type");
    }

    static List<String> violations(Class<?> repository) {
        if (repository.isAnnotationPresent(PlatformTable.class)) {
            return platformViolations(repository);
        }
        List<String> found = new ArrayList<>();
        String name = repository.getSimpleName();
        // On the tenant table itself the tenant is the row's id; everywhere else it is tenant_id.
        boolean tenantTable = isTenantTable(repository);
        String parameterName = tenantTable ? "id" : "tenantId";
        for (Class<?> parent : repository.getInterfaces()) {
            if (parent != GenericRepository.class) {
                found.add(name + " extends " + parent.getSimpleName() + ", not only GenericRepository");
            }
        }
        for (Method method : repository.getDeclaredMethods()) {
            if (method.isSynthetic() || method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())
                    || method.isAnnotationPresent(CrossTenant.class)) {
                continue;
            }
            String where = name + "." + method.getName();
            Optional<Parameter> tenant = Arrays.stream(method.getParameters())
                    .filter(p -> p.getType() == TenantId.class).findFirst();
            boolean writesTenantRow = Arrays.stream(method.getParameters()).anyMatch(p -> carriesTenant(p.getType()));
            Query query = method.getAnnotation(Query.class);
            if (tenant.isEmpty() && !writesTenantRow) {
                found.add(where + " takes no TenantId");
            } else if (tenant.isPresent() && !tenant.get().getName().equals(parameterName)) {
                found.add(where + ": its TenantId parameter is not named " + parameterName);
            } else if (query != null) {
                if (!filtersOnTenant(query.value(), tenantTable)) {
                    found.add(where + ": @Query does not filter on " + (tenantTable ? "id = :id" : "tenant_id = :tenantId"));
                }
            } else if (tenant.isPresent() && !method.getName().matches(".*By(" + (tenantTable ? "Id" : "TenantId") + ")(And[A-Z].*)?$")) {
                found.add(where + ": derived query names no TenantId condition");
            }
        }
        return found;
    }

    private static List<String> platformViolations(Class<?> repository) {
        List<String> found = new ArrayList<>();
        String name = repository.getSimpleName();
        for (Class<?> parent : repository.getInterfaces()) {
            if (parent != GenericRepository.class) {
                found.add(name + " extends " + parent.getSimpleName() + ", not only GenericRepository");
            }
        }
        if (java.lang.reflect.Modifier.isPublic(repository.getModifiers())) {
            found.add(name + " is public: a platform repository stays package-private to its feature");
        }
        Class<?> row = rowOf(repository);
        if (row.isRecord() && Arrays.stream(row.getRecordComponents())
                .anyMatch(c -> c.getType() == TenantId.class || c.getName().equals("tenantId"))) {
            found.add(name + ": its row " + row.getSimpleName() + " carries a TenantId, so it is not a platform table");
        }
        for (Method method : repository.getDeclaredMethods()) {
            if (method.isSynthetic()) {
                continue;
            }
            String where = name + "." + method.getName();
            if (method.isAnnotationPresent(CrossTenant.class)) {
                found.add(where + ": @CrossTenant means nothing on a platform repository");
            }
            if (Arrays.stream(method.getParameters()).anyMatch(p -> p.getType() == TenantId.class || carriesTenant(p.getType()))) {
                found.add(where + " takes a TenantId: tenant rows belong in a tenant repository");
            }
            Query query = method.getAnnotation(Query.class);
            if (query != null && query.value().toLowerCase(Locale.ROOT).contains("tenant_id")) {
                found.add(where + ": @Query names tenant_id, which a platform table has not");
            }
        }
        return found;
    }

    /**
     * {@code WHERE ... tenant_id = :tenantId}, with or without a table alias, in any case and spacing;
     * an {@code INSERT} writes {@code :tenantId} into the row instead.
     */
    private static boolean filtersOnTenant(String sql, boolean tenantTable) {
        String text = sql.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        if (tenantTable) {
            return text.matches(".*\\bwhere\\b.*\\bid = :id\\b.*");
        }
        if (text.startsWith("insert ")) {
            return text.matches(".*\\bvalues\\b.*:tenantid\\b.*");
        }
        return text.matches(".*\\bwhere\\b.*\\btenant_id = :tenantid\\b.*");
    }

    /** A repository of rows whose {@code @Id} is a {@link TenantId}: the tenant table. */
    private static boolean isTenantTable(Class<?> repository) {
        for (java.lang.reflect.Type parent : repository.getGenericInterfaces()) {
            if (parent instanceof java.lang.reflect.ParameterizedType type
                    && type.getActualTypeArguments()[0] instanceof Class<?> row && row.isRecord()) {
                return Arrays.stream(row.getRecordComponents())
                        .anyMatch(c -> c.getAccessor().isAnnotationPresent(io.micronaut.data.annotation.Id.class)
                                && c.getType() == TenantId.class);
            }
        }
        return false;
    }

    private static boolean carriesTenant(Class<?> type) {
        return type.isRecord() && type.isAnnotationPresent(MappedEntity.class)
                && Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).anyMatch(t -> t == TenantId.class);
    }

    @MappedEntity("fixture")
    record Row(UUID id, TenantId tenantId, String name) {
    }

    /** Each method breaks the rule one way. */
    interface Unscoped extends io.micronaut.data.repository.CrudRepository<Row, UUID> {
        Optional<Row> findById(UUID id);

        Optional<Row> findByTenantIdOrId(TenantId tenantId, UUID id);

        @Query("UPDATE fixture SET name = :name WHERE id = :id")
        void rename(TenantId tenantId, UUID id, String name);

        @Query("SELECT * FROM fixture WHERE tenant_id = :other OR name = :name")
        List<Row> byName(TenantId tenantId, UUID other, String name);

        @Query("SELECT * FROM fixture WHERE tenant_id = :tenant AND id = :id")
        Optional<Row> misnamed(TenantId tenant, UUID id);
    }

    @MappedEntity("tenant")
    record TenantRow(@io.micronaut.data.annotation.Id TenantId id, String slug) {
    }

    /** On the tenant table the tenant is the row's own id. */
    interface Tenants extends GenericRepository<TenantRow, TenantId> {
        Optional<TenantRow> findById(TenantId id);

        Optional<TenantRow> findBySlug(String slug);

        @Query("UPDATE tenant SET slug = :slug WHERE tenant_id = :id")
        void rename(TenantId id, String slug);
    }

    interface Scoped extends GenericRepository<Row, UUID> {
        void insert(Row row);

        @Query("INSERT INTO fixture (id, tenant_id, name) VALUES (:id, :tenantId, :name) ON CONFLICT DO NOTHING")
        int insertUnlessTaken(UUID id, TenantId tenantId, String name);

        Optional<Row> findByTenantIdAndId(TenantId tenantId, UUID id);

        @Query("SELECT r.* FROM fixture r WHERE r.tenant_id = :tenantId AND r.id > :after")
        List<Row> page(TenantId tenantId, UUID after);

        @CrossTenant("fixture: a lookup that tells the tenant")
        Optional<Row> findByName(String name);
    }

    @MappedEntity("platform_fixture")
    record PlatformRow(@io.micronaut.data.annotation.Id UUID id, String name) {
    }

    @PlatformTable("fixture: rows of no tenant")
    interface PlatformScoped extends GenericRepository<PlatformRow, UUID> {
        Optional<PlatformRow> findById(UUID id);

        @Query("UPDATE platform_fixture SET name = :name WHERE id = :id")
        int rename(UUID id, String name);
    }

    /** Public (a nested interface of a test class is implicitly public when declared so) and tenant-bound. */
    @PlatformTable("fixture: claims no tenant but reaches tenant rows")
    public interface PlatformLeaky extends GenericRepository<Row, UUID> {
        List<Row> byTenant(TenantId tenantId);

        @Query("SELECT * FROM fixture WHERE tenant_id = :owner")
        List<Row> byTenantColumn(UUID owner);

        @CrossTenant("fixture")
        Optional<Row> marked(String name);
    }
}
