package dev.bulwark.controlplane.identity;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** A row of {@code app_user}: a person, who may belong to several tenants ({@code created_at} is the column default). */
@MappedEntity("app_user")
record AppUserRow(@Id UUID id, String email, String displayName, String passwordHash) {

    Accounts.User toUser() {
        return new Accounts.User(id, email, displayName, passwordHash);
    }
}
