package dev.orders.testkit;

/**
 * Asks Testcontainers whether a Docker engine answers. Testcontainers is optional at runtime, so its absence
 * from the classpath simply means "no Docker".
 */
final class DockerProbe {

    private DockerProbe() {
    }

    static boolean dockerAvailable() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
