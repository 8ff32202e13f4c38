package dev.orders.bench;

import java.net.InetAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * CPU and memory of the server, of PostgreSQL, of this harness and of the whole machine between two snapshots,
 * from /proc. Only meaningful when the server runs on this machine.
 */
final class ResourceSampler {

    private final ProcFs proc;
    private final OptionalLong serverPid;
    private final String serverPidSource;

    private ResourceSampler(ProcFs proc, OptionalLong serverPid, String serverPidSource) {
        this.proc = proc;
        this.serverPid = serverPid;
        this.serverPidSource = serverPidSource;
    }

    /** Takes --server-pid, else looks for a local process running orders.jar (like {@code pgrep -f orders.jar}). */
    static ResourceSampler locate(ProcFs proc, OptionalLong explicitPid, URI url) {
        if (explicitPid.isPresent()) {
            return new ResourceSampler(proc, explicitPid, "--server-pid");
        }
        if (!proc.available()) {
            return new ResourceSampler(proc, OptionalLong.empty(), "no /proc on this machine");
        }
        if (!isLocal(url.getHost())) {
            return new ResourceSampler(proc, OptionalLong.empty(), "server is not on this machine");
        }
        long self = ProcessHandle.current().pid();
        List<Long> candidates = proc.pidsByCommandLine(cmd -> cmd.contains("orders.jar")).stream()
                .filter(pid -> pid != self).toList();
        if (candidates.isEmpty()) {
            return new ResourceSampler(proc, OptionalLong.empty(), "no process running orders.jar found (use --server-pid)");
        }
        String source = candidates.size() == 1 ? "found by command line (orders.jar)"
                : "first of " + candidates + " running orders.jar (use --server-pid to choose)";
        return new ResourceSampler(proc, OptionalLong.of(candidates.get(0)), source);
    }

    Snapshot snapshot() {
        long now = System.nanoTime();
        Long server = serverPid.isPresent() && proc.processCpuTicks(serverPid.getAsLong()).isPresent()
                ? proc.processCpuTicks(serverPid.getAsLong()).getAsLong() : null;
        Long self = proc.processCpuTicks(ProcessHandle.current().pid()).isPresent()
                ? proc.processCpuTicks(ProcessHandle.current().pid()).getAsLong() : null;
        Map<Long, Long> postgres = proc.cpuTicks(proc.pidsByName("postgres"));
        return new Snapshot(now, server, self, postgres, proc.systemCpu(), proc.loadAverage());
    }

    /** The figures between two snapshots, ready for the report. */
    Map<String, Object> between(Snapshot from, Snapshot to) {
        Map<String, Object> figures = new LinkedHashMap<>();
        int cores = Runtime.getRuntime().availableProcessors();
        long elapsed = to.nanos() - from.nanos();
        figures.put("cores", cores);
        figures.put("serverPid", serverPid.isPresent() ? serverPid.getAsLong() : null);
        figures.put("serverPidSource", serverPidSource);
        if (from.serverTicks() != null && to.serverTicks() != null) {
            double busy = coresBusy(to.serverTicks() - from.serverTicks(), elapsed);
            figures.put("serverCpuCores", round2(busy));
            figures.put("serverCpuPercentOfMachine", round2(100 * busy / cores));
        }
        if (!from.postgresTicks().isEmpty() || !to.postgresTicks().isEmpty()) {
            long ticks = 0;
            for (Map.Entry<Long, Long> entry : to.postgresTicks().entrySet()) {
                // A backend that started during the window counts from zero.
                ticks += entry.getValue() - from.postgresTicks().getOrDefault(entry.getKey(), 0L);
            }
            double busy = coresBusy(Math.max(0, ticks), elapsed);
            figures.put("postgresCpuCores", round2(busy));
            figures.put("postgresCpuPercentOfMachine", round2(100 * busy / cores));
        }
        if (from.selfTicks() != null && to.selfTicks() != null) {
            double busy = coresBusy(to.selfTicks() - from.selfTicks(), elapsed);
            figures.put("benchClientCpuCores", round2(busy));
            figures.put("benchClientCpuPercentOfMachine", round2(100 * busy / cores));
        }
        if (from.system() != null && to.system() != null) {
            double busyPercent = busyPercent(from.system(), to.system());
            figures.put("systemCpuBusyPercent", round2(busyPercent));
            // What neither the server, PostgreSQL nor the harness used: other work on the machine skews the run.
            double accounted = 0;
            for (String key : new String[] {"serverCpuCores", "postgresCpuCores", "benchClientCpuCores"}) {
                accounted += figures.get(key) instanceof Double d ? d : 0;
            }
            figures.put("otherProcessesCpuCores", round2(Math.max(0, busyPercent / 100 * cores - accounted)));
        }
        if (from.loadAverage() != null && to.loadAverage() != null) {
            figures.put("loadAverage1mStartEnd", from.loadAverage() + " → " + to.loadAverage());
        }
        if (serverPid.isPresent()) {
            proc.memoryKb(serverPid.getAsLong(), "VmHWM")
                    .ifPresent(kb -> figures.put("serverPeakRssMb", round2(kb / 1024.0)));
            proc.memoryKb(serverPid.getAsLong(), "VmRSS")
                    .ifPresent(kb -> figures.put("serverRssMb", round2(kb / 1024.0)));
        }
        return figures;
    }

    /** Cores kept busy on average: CPU seconds per wall-clock second. */
    static double coresBusy(long ticks, long elapsedNanos) {
        if (elapsedNanos <= 0) {
            return 0;
        }
        return (ticks / (double) ProcFs.CLOCK_TICKS_PER_SECOND) / (elapsedNanos / 1e9);
    }

    /** Share of the machine's CPU time that was not idle. */
    static double busyPercent(ProcFs.SystemCpu from, ProcFs.SystemCpu to) {
        long total = to.totalTicks() - from.totalTicks();
        long idle = to.idleTicks() - from.idleTicks();
        return total <= 0 ? 0 : 100.0 * (total - idle) / total;
    }

    private static boolean isLocal(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || java.net.NetworkInterface.getByInetAddress(address) != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** CPU ticks at one moment. */
    record Snapshot(long nanos, Long serverTicks, Long selfTicks, Map<Long, Long> postgresTicks, ProcFs.SystemCpu system,
                    String loadAverage) {
    }
}
