package org.opencredit.enterprise.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * Working days for the timeliness rule (records must be published within 7 working days of the
 * decision): Monday to Friday, corrected by the yearly holiday and make-up-day data.
 */
public final class WorkingCalendar {

    public static final String RESOURCE = "calendar/working-calendar.txt";

    private final Set<LocalDate> holidays;
    private final Set<LocalDate> workdays;

    WorkingCalendar(Set<LocalDate> holidays, Set<LocalDate> workdays) {
        this.holidays = Set.copyOf(holidays);
        this.workdays = Set.copyOf(workdays);
    }

    public static WorkingCalendar standard() {
        InputStream in = WorkingCalendar.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            return new WorkingCalendar(Set.of(), Set.of());
        }
        Set<LocalDate> holidays = new HashSet<>();
        Set<LocalDate> workdays = new HashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.lines().map(l -> l.replaceFirst("#.*", "").trim()).filter(l -> !l.isEmpty()).forEach(line -> {
                String[] parts = line.split("\\s+");
                LocalDate day = LocalDate.parse(parts[0]);
                switch (parts.length > 1 ? parts[1] : "") {
                    case "HOLIDAY" -> holidays.add(day);
                    case "WORKDAY" -> workdays.add(day);
                    default -> throw new IllegalStateException(RESOURCE + ": '" + line + "' needs HOLIDAY or WORKDAY");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WorkingCalendar(holidays, workdays);
    }

    public boolean isWorkingDay(LocalDate day) {
        if (workdays.contains(day)) {
            return true;
        }
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        return !weekend && !holidays.contains(day);
    }

    /** Working days after {@code from} up to and including {@code to}; 0 when {@code to} is not after {@code from}. */
    public int workingDaysAfter(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }
}
