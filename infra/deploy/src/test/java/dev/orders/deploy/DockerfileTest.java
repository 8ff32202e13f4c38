package dev.orders.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rules of the image that a generic linter does not know (CI also runs dockerfilelint, see .ci/run): a build
 * stage and a JRE run stage pinned to a version, a non-root user, Boot's layers copied least-changing first,
 * container-aware memory settings, a health check on the actuator, and no embedded default inside a container.
 */
class DockerfileTest {

    private static final Pattern PINNED_JRE = Pattern.compile("eclipse-temurin:\\d+\\.\\d+\\.\\d+_\\d+-jre-\\w+");

    private final List<String> instructions = instructions(DeployFiles.read(DeployFiles.DOCKERFILE));

    @Test
    void buildsInOneStageAndRunsOnAPinnedJreInAnother() {
        List<String> stages = instructions.stream().filter(line -> line.startsWith("FROM ")).toList();

        assertThat(stages).hasSize(2);
        assertThat(stages.get(0)).matches("FROM eclipse-temurin:\\S+-jdk-\\S+ AS build");
        assertThat(stages.get(1).substring("FROM ".length())).matches(PINNED_JRE);
        assertThat(String.join("\n", instructions)).doesNotContain(":latest").doesNotContainPattern("ADD https?:");
    }

    @Test
    void runsAsAnUnprivilegedUserItCreates() {
        List<String> run = runStage();

        assertThat(run).anySatisfy(line -> assertThat(line).contains("useradd").contains("--uid 10001"));
        assertThat(run).filteredOn(line -> line.startsWith("USER ")).singleElement()
                .isEqualTo("USER 10001:10001");
    }

    @Test
    void copiesBootsLayersLeastChangingFirst() {
        List<String> copies = runStage().stream().filter(line -> line.startsWith("COPY --from=build")).toList();

        assertThat(copies).extracting(line -> line.split("\\s+")[2]).containsExactly("/layers/dependencies/",
                "/layers/spring-boot-loader/", "/layers/snapshot-dependencies/", "/layers/application/");
        assertThat(instructions).anySatisfy(line -> assertThat(line)
                .contains("-Djarmode=tools -jar infra/app/target/orders.jar extract --layers --launcher"));
    }

    @Test
    void sizesTheJvmFromTheContainerAndStopsItOnOutOfMemory() {
        String entrypoint = runStage().stream().filter(line -> line.startsWith("ENTRYPOINT ")).findFirst()
                .orElseThrow();

        assertThat(entrypoint).startsWith("ENTRYPOINT [\"java\"").contains("-XX:MaxRAMPercentage=")
                .contains("-XX:+ExitOnOutOfMemoryError").contains("-Djava.io.tmpdir=/tmp")
                .contains("-Daxoniq.update-checker.disabled=true")
                .endsWith("\"org.springframework.boot.loader.launch.JarLauncher\"]")
                .doesNotContain("-Xmx");
    }

    @Test
    void checksItsHealthOnTheActuatorAndWritesOnlyToTmp() {
        List<String> run = runStage();

        assertThat(run).filteredOn(line -> line.startsWith("HEALTHCHECK ")).singleElement().asString()
                .contains("/actuator/health/readiness").contains("MANAGEMENT_SERVER_PORT");
        assertThat(run).contains("VOLUME [\"/tmp\"]", "EXPOSE 8080 8081");
        assertThat(run).anySatisfy(line -> assertThat(line).startsWith("ENV ").contains("ORDERS_EMBEDDED=false")
                .contains("MANAGEMENT_SERVER_PORT=8081"));
    }

    @Test
    void theBuildContextLeavesOutBuildOutputDataAndSecrets() {
        String ignored = DeployFiles.read(DeployFiles.REPOSITORY.resolve(".dockerignore"));

        assertThat(ignored).contains("**/target/", "data/", ".git/", "infra/deploy/compose/.env",
                "infra/deploy/k8s/overlays/*/secrets/*.env");
    }

    private List<String> runStage() {
        int last = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).startsWith("FROM ")) {
                last = i;
            }
        }
        return instructions.subList(last, instructions.size());
    }

    /** Instructions with continuation lines joined and comments dropped. */
    private static List<String> instructions(String dockerfile) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continues = trimmed.endsWith("\\");
            current.append(continues ? trimmed.substring(0, trimmed.length() - 1).trim() + " " : trimmed);
            if (!continues) {
                result.add(current.toString().replaceAll("\\s+", " ").trim());
                current.setLength(0);
            }
        }
        return result;
    }
}
