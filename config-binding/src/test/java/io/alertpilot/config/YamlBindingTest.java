package io.alertpilot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class YamlBindingTest {

    record Step(Duration after, List<String> to) {
    }

    record Item(String name, Integer repeat, List<Step> steps, Map<String, String> labels) {

        Item {
            if (repeat != null && repeat < 0) {
                throw new IllegalArgumentException("must not be negative");
            }
        }
    }

    record Document(String title, List<Item> items) {
    }

    private final YamlBinding binding = new YamlBinding();

    @Test
    void bindsAWholeDocumentIntoOneRecord() {
        BoundFile<Document> file = binding.bindDocument("d.yaml", """
                title: checks
                items:
                  - name: first
                    steps: [ { after: 5m, to: slack } ]
                """, Document.class);

        assertThat(file.problems()).isEmpty();
        Document document = file.items().getFirst().value();
        assertThat(document.title()).isEqualTo("checks");
        assertThat(document.items().getFirst().steps().getFirst().after()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aDocumentWithAnUnknownKeyNamesItsPathAndLine() {
        BoundFile<Document> file = binding.bindDocument("d.yaml", """
                title: checks
                items:
                  - name: first
                    stepz: []
                """, Document.class);

        assertThat(file.items()).isEmpty();
        assertThat(file.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.source()).isEqualTo("d.yaml");
            assertThat(problem.field()).isEqualTo("items[0].stepz");
            assertThat(problem.line()).isEqualTo(4);
            assertThat(problem.message()).startsWith("is not known; known are ");
        });
    }

    @Test
    void bindsItemsIntoRecords() {
        BoundFile<Item> file = binding.bindList("a.yaml", """
                items:
                  - name: first
                    steps: [ { after: 1h30m, to: slack } ]
                    labels: { team: shop }
                  - name: second
                    steps: [ { after: 0, to: [a, b] } ]
                """, "items", Item.class);
        assertThat(file.problems()).isEmpty();
        assertThat(file.items()).extracting(BoundItem::name).containsExactly("first", "second");
        assertThat(file.items().getFirst().line()).isEqualTo(2);
        assertThat(file.items().get(1).line()).isEqualTo(5);
        Item first = file.items().getFirst().value();
        assertThat(first.steps().getFirst().after()).isEqualTo(Duration.ofMinutes(90));
        assertThat(first.steps().getFirst().to()).containsExactly("slack");
        assertThat(file.items().get(1).value().steps().getFirst().to()).containsExactly("a", "b");
    }

    @Test
    void reportsEveryBadItemWithItsNameFieldPathAndLine() {
        BoundFile<Item> file = binding.bindList("a.yaml", """
                items:
                  - name: typo
                    stepz: []
                  - name: good
                  - name: late
                    steps:
                      - after: soon
                """, "items", Item.class);
        assertThat(file.items()).extracting(BoundItem::name).containsExactly("good");
        assertThat(file.problems()).hasSize(2);
        ConfigProblem typo = file.problems().getFirst();
        assertThat(typo).extracting(ConfigProblem::source, ConfigProblem::item, ConfigProblem::index,
                ConfigProblem::field).containsExactly("a.yaml", "typo", 0, "stepz");
        assertThat(typo.line()).isEqualTo(3);
        assertThat(typo.message()).contains("is not known").contains("steps");
        ConfigProblem late = file.problems().get(1);
        assertThat(late.item()).isEqualTo("late");
        assertThat(late.field()).isEqualTo("steps[0].after");
        assertThat(late.line()).isEqualTo(7);
        assertThat(late.message()).contains("'soon' is not a duration");
    }

    @Test
    void reportsEveryUnknownKeyAndBadValueOfOneItem() {
        BoundFile<Item> file = binding.bindList("a.yaml", """
                items:
                  - name: many
                    stepz: []
                    repeat: often
                    steps:
                      - after: soon
                        too: [a]
                      - after: 5m
                        to: b
                        then: c
                    labels: { team: shop }
                """, "items", Item.class);
        assertThat(file.items()).isEmpty();
        assertThat(file.problems()).extracting(ConfigProblem::item, ConfigProblem::index)
                .containsOnly(Tuple.tuple("many", 0));
        assertThat(file.problems()).extracting(ConfigProblem::field, ConfigProblem::line).containsExactly(
                Tuple.tuple("stepz", 3), Tuple.tuple("repeat", 4),
                Tuple.tuple("steps[0].after", 6),
                Tuple.tuple("steps[0].too", 7),
                Tuple.tuple("steps[1].then", 10));
        assertThat(file.problems()).extracting(ConfigProblem::message).containsExactly(
                "is not known; known are labels, name, repeat, steps", "must be a whole number, not 'often'",
                "'soon' is not a duration such as 30s, 5m, 1h30m or PT5M", "is not known; known are after, to",
                "is not known; known are after, to");
    }

    record Switches(Boolean dryRun, Item item) {
    }

    @Test
    void reportsABadTrueOrFalseAndKeysOfNestedRecords() {
        BoundFile<Switches> file = binding.bindList("a.yaml", """
                switches:
                  - dryRun: maybe
                    item: { name: x, repeat: 2, tags: [a] }
                  - dryRun: "true"
                """, "switches", Switches.class);
        assertThat(file.problems()).extracting(ConfigProblem::field, ConfigProblem::line, ConfigProblem::message)
                .containsExactly(Tuple.tuple("dryRun", 2, "must be true or false, not 'maybe'"),
                        Tuple.tuple("item.tags", 3, "is not known; known are labels, name, repeat, steps"));
        assertThat(file.items()).singleElement().satisfies(item -> assertThat(item.value().dryRun()).isTrue());
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Open(String name, @com.fasterxml.jackson.annotation.JsonAlias("title") String label) {
    }

    record Wrapper(Open open, Duration after) {
    }

    @Test
    void keysJacksonAcceptsAreNotReported() {
        BoundFile<Wrapper> file = binding.bindList("a.yaml", """
                wrappers:
                  - open: { name: a, title: b, whatever: c }
                    after: 5m
                """, "wrappers", Wrapper.class);
        assertThat(file.problems()).isEmpty();
        assertThat(file.items().getFirst().value().open().label()).isEqualTo("b");
    }

    @Test
    void stillReportsTheKeysWhenBindingFailsHard() {
        BoundFile<Item> file = binding.bindList("a.yaml", """
                items:
                  - name: broken
                    stepz: []
                    labels: shop
                """, "items", Item.class);
        assertThat(file.problems()).extracting(ConfigProblem::field, ConfigProblem::message).containsExactly(
                Tuple.tuple("stepz", "is not known; known are labels, name, repeat, steps"),
                Tuple.tuple("labels", "must be a map (key: value)"));
    }

    @Test
    void aConstructorsRefusalIsTheMessageAndAWrongShapeIsNamed() {
        BoundFile<Item> file = binding.bindList("a.yaml", """
                items:
                  - { name: a, repeat: -1 }
                  - { name: b, repeat: many }
                  - { name: c, labels: shop }
                """, "items", Item.class);
        assertThat(file.problems()).extracting(ConfigProblem::message).containsExactly("must not be negative",
                "must be a whole number, not 'many'", "must be a map (key: value)");
        assertThat(file.problems()).extracting(ConfigProblem::field).containsExactly(null, "repeat", "labels");
    }

    @Test
    void refusesUnknownTopKeysDuplicatesAndBrokenYaml() {
        assertThat(binding.bindList("a.yaml", "itemz: []\n", "items", Item.class).problems())
                .extracting(ConfigProblem::field, ConfigProblem::message)
                .containsExactly(Tuple.tuple("itemz", "is not known; known is items"));
        assertThat(binding.bindList("a.yaml", "items:\n  - name: a\n    name: b\n", "items", Item.class).problems())
                .singleElement().satisfies(p -> assertThat(p.message()).startsWith("not valid YAML").contains("name"));
        assertThat(binding.bindList("a.yaml", "items: [ { name: a", "items", Item.class).problems())
                .singleElement().satisfies(p -> assertThat(p.message()).startsWith("not valid YAML"));
        assertThat(binding.bindList("a.yaml", "", "items", Item.class).items()).isEmpty();
    }
}
