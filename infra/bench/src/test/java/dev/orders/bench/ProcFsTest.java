package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {

    private static final String JAVA_STAT = "4242 (java) S 1 4242 4242 0 -1 4194560 91234 0 12 0 "
            + "1500 250 0 0 20 0 57 0 123456 5000000000 250000 18446744073709551615 1 1 0 0 0 0 0 4096 17663 "
            + "0 0 0 17 1 0 0 0 0 0";

    @Test
    void processCpuIsUserPlusSystemTicks() {
        assertThat(ProcFs.parseProcessCpuTicks(JAVA_STAT)).hasValue(1750);
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String stat = JAVA_STAT.replace("(java)", "(my (odd) name)");
        assertThat(ProcFs.parseProcessCpuTicks(stat)).hasValue(1750);
        assertThat(ProcFs.parseProcessCpuTicks("garbage")).isEmpty();
    }

    @Test
    void systemCpuCountsIdleAndIowaitAsIdle() {
        String stat = """
                cpu  100 5 50 800 20 3 2 10 7 0
                cpu0 50 2 25 400 10 1 1 5 3 0
                intr 1 2 3
                """;
        ProcFs.SystemCpu cpu = ProcFs.parseSystemCpu(stat);
        assertThat(cpu.totalTicks()).isEqualTo(100 + 5 + 50 + 800 + 20 + 3 + 2 + 10);
        assertThat(cpu.idleTicks()).isEqualTo(820);
    }

    @Test
    void peakAndCurrentResidentSetFromStatus() {
        String status = """
                Name:\tjava
                VmPeak:\t 9000000 kB
                VmHWM:\t  524288 kB
                VmRSS:\t  400000 kB
                """;
        assertThat(ProcFs.parseStatusKb(status, "VmHWM")).hasValue(524_288);
        assertThat(ProcFs.parseStatusKb(status, "VmRSS")).hasValue(400_000);
        assertThat(ProcFs.parseStatusKb(status, "VmSwap")).isEmpty();
    }

    @Test
    void findsProcessesInAProcTree(@TempDir Path proc) throws IOException {
        process(proc, 10, "java\0-jar\0infra/app/target/orders.jar\0", "java", JAVA_STAT);
        process(proc, 11, "/usr/lib/postgresql/bin/postgres\0-D\0data\0", "postgres", JAVA_STAT);
        process(proc, 12, "postgres: writer\0", "postgres", JAVA_STAT.replace(" 1500 250 ", " 10 5 "));
        Files.writeString(proc.resolve("stat"), "cpu  1 2 3 4 5 6 7 8 0 0\n");
        Files.createDirectories(proc.resolve("self"));
        ProcFs fs = new ProcFs(proc);

        assertThat(fs.available()).isTrue();
        assertThat(fs.pidsByCommandLine(cmd -> cmd.contains("orders.jar"))).containsExactly(10L);
        assertThat(fs.pidsByName("postgres")).containsExactlyInAnyOrder(11L, 12L);
        assertThat(fs.cpuTicks(java.util.List.of(11L, 12L, 99L))).containsEntry(11L, 1750L).containsEntry(12L, 15L)
                .doesNotContainKey(99L);
        assertThat(fs.memoryKb(10, "VmHWM")).hasValue(1024);
        assertThat(fs.processCpuTicks(99)).isEmpty();
    }

    @Test
    void cpuFiguresBetweenTwoReadings() {
        // 150 ticks = 1.5 CPU seconds over 1 s of wall clock: one and a half cores busy.
        assertThat(ResourceSampler.coresBusy(150, 1_000_000_000L)).isCloseTo(1.5, within(1e-9));
        assertThat(ResourceSampler.coresBusy(150, 0)).isZero();
        assertThat(ResourceSampler.busyPercent(new ProcFs.SystemCpu(1000, 600), new ProcFs.SystemCpu(1200, 650)))
                .isCloseTo(75.0, within(1e-9));
    }

    private static void process(Path proc, long pid, String cmdline, String comm, String stat) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("cmdline"), cmdline);
        Files.writeString(dir.resolve("comm"), comm + "\n");
        Files.writeString(dir.resolve("stat"), stat);
        Files.writeString(dir.resolve("status"), "Name:\t" + comm + "\nVmHWM:\t    1024 kB\n");
    }
}
