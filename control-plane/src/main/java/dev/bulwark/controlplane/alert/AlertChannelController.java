package dev.bulwark.controlplane.alert;

import dev.bulwark.controlplane.alert.ChannelViews.ChannelCreated;
import dev.bulwark.controlplane.alert.ChannelViews.ChannelRequest;
import dev.bulwark.controlplane.alert.ChannelViews.ChannelView;
import dev.bulwark.controlplane.alert.ChannelViews.DeliveryView;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TimeRange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.UUID;

/** Where the tenant's incident alerts go (docs/alerting.md): everyone reads the channels and their log; admins change them. */
@Controller("/api/v1/alert-channels")
@ExecuteOn(TaskExecutors.BLOCKING)
class AlertChannelController {
    private final AlertChannels channels;

    AlertChannelController(AlertChannels channels) {
        this.channels = channels;
    }

    @Get
    @RequiresRole(Role.VIEWER)
    List<ChannelView> listAlertChannels(Principal principal) {
        return channels.list(principal.tenantId());
    }

    /** Creates a channel; a webhook channel's signing secret is in this answer only. */
    @Post
    @RequiresRole(Role.ADMIN)
    HttpResponse<ChannelCreated> createAlertChannel(Principal principal, @Body @Nullable ChannelRequest body) {
        return HttpResponse.<ChannelCreated>status(HttpStatus.CREATED).body(channels.create(principal, body));
    }

    @Get("/{channelId}")
    @RequiresRole(Role.VIEWER)
    ChannelView getAlertChannel(Principal principal, String channelId) {
        return channels.get(principal.tenantId(), Ids.parse(channelId, "Alert channel"));
    }

    @Delete("/{channelId}")
    @RequiresRole(Role.ADMIN)
    HttpResponse<Void> deleteAlertChannel(Principal principal, String channelId) {
        channels.delete(principal, Ids.parse(channelId, "Alert channel"));
        return HttpResponse.noContent();
    }

    /** A new signing secret for a webhook channel, shown once; the previous one stops working. */
    @Post("/{channelId}/secret")
    @RequiresRole(Role.ADMIN)
    ChannelCreated rotateAlertChannelSecret(Principal principal, String channelId) {
        return channels.rotateSecret(principal, Ids.parse(channelId, "Alert channel"));
    }

    /** Queues a test alert; follow it in the delivery log. */
    @Post("/{channelId}/test")
    @RequiresRole(Role.ADMIN)
    HttpResponse<DeliveryView> testAlertChannel(Principal principal, String channelId) {
        return HttpResponse.<DeliveryView>status(HttpStatus.ACCEPTED).body(channels.test(principal, Ids.parse(channelId, "Alert channel")));
    }

    @Get("/{channelId}/deliveries")
    @RequiresRole(Role.VIEWER)
    Page<DeliveryView> listAlertDeliveries(Principal principal, String channelId, @Nullable @QueryValue String limit,
                                           @Nullable @QueryValue String cursor) {
        UUID before = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = UUID.fromString(cursor.strip());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("cursor", "cursor must be a value returned as nextCursor");
            }
        }
        return channels.deliveries(principal.tenantId(), Ids.parse(channelId, "Alert channel"), TimeRange.limit(limit, 50, 200), before);
    }
}
