package io.alertpilot.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The medians over the runs of {@code benchmarks/run.sh}: reads every {@code run-<i>/table.tsv} under the directory
 * given (default {@code benchmarks/target}), takes for each measure the median of each number in its value, reference
 * and ratio, position by position (so a {@code p50 / p99 / p99.9} triple is three medians), checks the median against
 * the goal, and writes {@code medians.md} there and to standard output.
 *
 * <p>Goals it checks: {@code >= 0.5x} (on the ratio), {@code p99 < 10 ms} (the second number of the value),
 * {@code < 300 each} (every number of the value), {@code <= 10}, {@code >= 1000} (the first number), {@code 0}
 * (equal); {@code -} has none.
 */
public final class Medians {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
    private static final Pattern GOAL = Pattern.compile("(p99 )?(>=|<=|<|>)?\\s*(-?\\d+(?:\\.\\d+)?)(x| ms| each)?");

    private Medians() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target");
        List<List<String[]>> runs = new ArrayList<>();
        try (Stream<Path> runDirs = Files.list(dir)) {
            for (Path run : runDirs.filter(path -> path.getFileName().toString().matches("run-\\d+"))
                    .sorted(Comparator.comparingInt(path -> Integer.parseInt(
                            path.getFileName().toString().substring("run-".length()))))
                    .toList()) {
                Path table = run.resolve("table.tsv");
                if (Files.exists(table)) {
                    runs.add(Files.readAllLines(table).stream().filter(line -> !line.isBlank())
                            .map(line -> line.split("\t", -1)).toList());
                }
            }
        }
        String table = table(runs);
        Files.writeString(dir.resolve("medians.md"), table);
        System.out.println(table);
    }

    /** The medians table of {@code runs} (each a list of rows: measure, value, reference, ratio, goal). */
    static String table(List<List<String[]>> runs) {
        Map<String, List<String[]>> byMeasure = new LinkedHashMap<>();
        for (List<String[]> run : runs) {
            for (String[] row : run) {
                byMeasure.computeIfAbsent(row[0], measure -> new ArrayList<>()).add(row);
            }
        }
        StringBuilder table = new StringBuilder("medians of " + runs.size() + " runs\n\n"
                + "| measure | median | reference (median) | ratio (median) | goal | met | runs |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n");
        byMeasure.forEach((measure, rows) -> {
            String value = median(rows, 1);
            String ratio = median(rows, 3);
            String goal = rows.getLast()[4];
            table.append("| ").append(String.join(" | ", measure, value, median(rows, 2), ratio, goal,
                    met(goal, value, ratio), Integer.toString(rows.size()))).append(" |\n");
        });
        return table.toString();
    }

    /**
     * Column {@code column} of {@code rows} with each number the median of the numbers at its place; the last row's
     * text when the rows do not have the same count of numbers.
     */
    static String median(List<String[]> rows, int column) {
        String last = rows.getLast()[column];
        List<List<String>> numbers = rows.stream().map(row -> numbers(row[column])).toList();
        int count = numbers.getLast().size();
        if (numbers.stream().anyMatch(list -> list.size() != count)) {
            return last;
        }
        Matcher matcher = NUMBER.matcher(last);
        StringBuilder result = new StringBuilder();
        int place = 0;
        while (matcher.find()) {
            int index = place++;
            List<String> values = numbers.stream().map(list -> list.get(index)).toList();
            matcher.appendReplacement(result, Matcher.quoteReplacement(median(values)));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static String median(List<String> values) {
        double[] sorted = values.stream().mapToDouble(Double::parseDouble).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        int decimals = values.stream().mapToInt(v -> v.contains(".") ? v.length() - v.indexOf('.') - 1 : 0).max()
                .orElse(0);
        return String.format(Locale.ROOT, "%." + decimals + "f", median);
    }

    private static List<String> numbers(String text) {
        List<String> numbers = new ArrayList<>();
        Matcher matcher = NUMBER.matcher(text);
        while (matcher.find()) {
            numbers.add(matcher.group());
        }
        return numbers;
    }

    /** Whether {@code value} (or {@code ratio}, for a goal in x) meets {@code goal}: yes, no, or - (no goal). */
    static String met(String goal, String value, String ratio) {
        Matcher matcher = GOAL.matcher(goal.trim());
        if (!matcher.matches()) {
            return "-";
        }
        String unit = matcher.group(4);
        List<String> numbers = numbers("x".equals(unit) ? ratio : value);
        List<String> compared;
        if (matcher.group(1) != null) {
            compared = numbers.size() > 1 ? List.of(numbers.get(1)) : List.of();
        } else if (" each".equals(unit)) {
            compared = numbers;
        } else {
            compared = numbers.isEmpty() ? List.of() : List.of(numbers.getFirst());
        }
        if (compared.isEmpty()) {
            return "-";
        }
        String operator = matcher.group(2) == null ? "=" : matcher.group(2);
        double bound = Double.parseDouble(matcher.group(3));
        boolean met = Arrays.stream(compared.toArray(String[]::new)).mapToDouble(Double::parseDouble)
                .allMatch(number -> switch (operator) {
                    case ">=" -> number >= bound;
                    case "<=" -> number <= bound;
                    case "<" -> number < bound;
                    case ">" -> number > bound;
                    default -> number == bound;
                });
        return met ? "yes" : "no";
    }
}
