package dev.orders.query;

import dev.orders.platform.axon.ConditionalOnJdbcEventStore;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * Rebuilds read models from the event store while they keep answering queries, and shows how far a rebuild got.
 * Supported: {@code order-view}, the order read model.
 */
@ConditionalOnRole(InstanceRole.QUERY)
@ConditionalOnJdbcEventStore
@RestController
@RequestMapping("/api/v1/admin/projections")
public class ProjectionAdminController {

    private final ProjectionRebuilds rebuilds;

    ProjectionAdminController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @GetMapping
    public List<ProjectionStatus> projections() {
        return rebuilds.statuses();
    }

    @GetMapping("/{name}")
    public ProjectionStatus projection(@PathVariable String name) {
        return rebuilds.status(name);
    }

    /**
     * Starts a rebuild: 202 with its status, 409 while one runs. {@code pageSize} (events per transaction) and
     * {@code pagePause} (e.g. {@code 20ms}, to go easy on a busy database) override the configured defaults.
     */
    @PostMapping("/{name}/rebuild")
    public Mono<ResponseEntity<ProjectionStatus>> rebuild(@PathVariable String name,
                                                          @RequestParam(required = false) String pageSize,
                                                          @RequestParam(required = false) String pagePause) {
        return Mono.defer(() -> {
            ProjectionRebuild.Settings defaults = rebuilds.defaults();
            ProjectionRebuild.Settings settings = new ProjectionRebuild.Settings(
                    pageSize(pageSize, defaults.pageSize()), pagePause(pagePause, defaults.pagePause()),
                    defaults.lockTimeout());
            return rebuilds.start(name, settings);
        }).map(status -> ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Location", "/api/v1/admin/projections/" + name)
                .body(status));
    }

    private static int pageSize(String value, int otherwise) {
        if (RequestParameters.isBlank(value)) {
            return otherwise;
        }
        try {
            int size = Integer.parseInt(value.trim());
            if (size >= 1 && size <= ProjectionRebuild.Settings.MAX_PAGE_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ServerWebInputException("pageSize must be a whole number from 1 to "
                + ProjectionRebuild.Settings.MAX_PAGE_SIZE + ", got '" + value + "'");
    }

    private static Duration pagePause(String value, Duration otherwise) {
        if (RequestParameters.isBlank(value)) {
            return otherwise;
        }
        try {
            Duration pause = DurationStyle.detectAndParse(value.trim());
            if (!pause.isNegative() && pause.compareTo(Duration.ofSeconds(10)) <= 0) {
                return pause;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ServerWebInputException("pagePause must be a duration from 0 to 10s such as 20ms or PT0.02S, got '"
                + value + "'");
    }
}
