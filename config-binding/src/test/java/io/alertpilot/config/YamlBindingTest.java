package io.alertpilot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
                .containsExactly(org.assertj.core.groups.Tuple.tuple("itemz", "is not known; known is items"));
        assertThat(binding.bindList("a.yaml", "items:\n  - name: a\n    name: b\n", "items", Item.class).problems())
                .singleElement().satisfies(p -> assertThat(p.message()).startsWith("not valid YAML").contains("name"));
        assertThat(binding.bindList("a.yaml", "items: [ { name: a", "items", Item.class).problems())
                .singleElement().satisfies(p -> assertThat(p.message()).startsWith("not valid YAML"));
        assertThat(binding.bindList("a.yaml", "", "items", Item.class).items()).isEmpty();
    }
}
