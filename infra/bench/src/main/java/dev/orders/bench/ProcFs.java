package dev.orders.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Reads Linux's /proc: CPU time of a process ({@code /proc/<pid>/stat}), of the whole machine ({@code /proc/stat})
 * and memory high-water marks ({@code /proc/<pid>/status}). Every read answers empty where /proc is missing.
 */
final class ProcFs {

    /** USER_HZ: the unit of the CPU times in /proc, 100 on every mainstream Linux build. */
    static final int CLOCK_TICKS_PER_SECOND = 100;

    private final Path root;

    ProcFs(Path root) {
        this.root = root;
    }

    static ProcFs system() {
        return new ProcFs(Path.of("/proc"));
    }

    boolean available() {
        return Files.isReadable(root.resolve("stat"));
    }

    /** User plus system CPU time of a process, in clock ticks. */
    OptionalLong processCpuTicks(long pid) {
        String stat = read(root.resolve(Long.toString(pid)).resolve("stat"));
        return stat == null ? OptionalLong.empty() : parseProcessCpuTicks(stat);
    }

    /** The machine's CPU time: all of it and the idle part (idle + iowait), in clock ticks. */
    SystemCpu systemCpu() {
        String stat = read(root.resolve("stat"));
        return stat == null ? null : parseSystemCpu(stat);
    }

    /** The one-minute load average, as text; null when unknown. */
    String loadAverage() {
        String loadavg = read(root.resolve("loadavg"));
        return loadavg == null || loadavg.isBlank() ? null : loadavg.trim().split("\\s+")[0];
    }

    /** A {@code Vm*} line of /proc/<pid>/status in kB (VmHWM = peak resident set, VmRSS = current). */
    OptionalLong memoryKb(long pid, String field) {
        String status = read(root.resolve(Long.toString(pid)).resolve("status"));
        return status == null ? OptionalLong.empty() : parseStatusKb(status, field);
    }

    /** Pids whose command line (arguments joined by spaces) satisfies the predicate. */
    List<Long> pidsByCommandLine(Predicate<String> matches) {
        List<Long> pids = new ArrayList<>();
        for (long pid : pids()) {
            String cmdline = read(root.resolve(Long.toString(pid)).resolve("cmdline"));
            if (cmdline != null && matches.test(cmdline.replace('\0', ' ').trim())) {
                pids.add(pid);
            }
        }
        return pids;
    }

    /** Pids whose executable name ({@code comm}) is exactly {@code name}. */
    List<Long> pidsByName(String name) {
        List<Long> pids = new ArrayList<>();
        for (long pid : pids()) {
            String comm = read(root.resolve(Long.toString(pid)).resolve("comm"));
            if (comm != null && comm.trim().equals(name)) {
                pids.add(pid);
            }
        }
        return pids;
    }

    /** CPU ticks of several processes, keyed by pid; processes that are gone are left out. */
    Map<Long, Long> cpuTicks(List<Long> pids) {
        Map<Long, Long> ticks = new HashMap<>();
        for (long pid : pids) {
            processCpuTicks(pid).ifPresent(value -> ticks.put(pid, value));
        }
        return ticks;
    }

    static OptionalLong parseProcessCpuTicks(String stat) {
        // The command name is in parentheses and may hold spaces and parentheses itself: fields start after the last ')'.
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        if (fields.length < 13) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    static SystemCpu parseSystemCpu(String stat) {
        for (String line : stat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] fields = line.substring(4).trim().split("\\s+");
                long total = 0;
                // user nice system idle iowait irq softirq steal; guest time is already inside user.
                for (int i = 0; i < Math.min(8, fields.length); i++) {
                    total += Long.parseLong(fields[i]);
                }
                long idle = Long.parseLong(fields[3]) + (fields.length > 4 ? Long.parseLong(fields[4]) : 0);
                return new SystemCpu(total, idle);
            }
        }
        return null;
    }

    static OptionalLong parseStatusKb(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(parts[0]));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    private List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return pids;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Machine CPU time in clock ticks. */
    record SystemCpu(long totalTicks, long idleTicks) {
    }
}
