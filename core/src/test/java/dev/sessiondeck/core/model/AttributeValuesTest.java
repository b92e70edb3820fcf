package dev.sessiondeck.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AttributeValuesTest {

    private static final Text TITLE = Text.of(StandardAttributes.BUNDLE, "attribute.stage");
    private static final Attribute<String> TEXT = Attribute.text("someText", TITLE).build();
    private static final Attribute<Long> COUNT = Attribute.count("someCount", TITLE).build();
    private static final Attribute<Long> BYTES = Attribute.bytes("someBytes", TITLE).build();
    private static final Attribute<Duration> DURATION = Attribute.duration("someDuration", TITLE).build();
    private static final Attribute<Instant> INSTANT = Attribute.instant("someInstant", TITLE).build();
    private static final Attribute<Double> PERCENT = Attribute.percent("somePercent", TITLE).build();
    private static final Attribute<Boolean> FLAG = Attribute.flag("someFlag", TITLE).build();
    private static final Attribute<List<String>> REFS = Attribute.sessionRefs("someRefs", TITLE).build();

    /** Sets a value without the compiler's type check, as a mistaken caller with raw types would. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static AttributeValues.Builder setRaw(AttributeValues.Builder b, Attribute attribute, Object value) {
        return b.set(attribute, value);
    }

    @Test
    void valuesAreKeptInTheOrderTheyWereSet() {
        AttributeValues v = new AttributeValues.Builder().set(PERCENT, 12.5).set(TEXT, "a").set(COUNT, 3L)
                .set(REFS, List.of("7", "8")).build();

        assertThat(v.attributes()).containsExactly(PERCENT, TEXT, COUNT, REFS);
        assertThat(v.size()).isEqualTo(4);
        assertThat(v.isEmpty()).isFalse();
        assertThat(v.get(TEXT)).isEqualTo("a");
        assertThat(v.get(COUNT)).isEqualTo(3L);
        assertThat(v.get(REFS)).isEqualTo(List.of("7", "8"));
        assertThat(v.get(FLAG)).isNull();
        List<String> seen = new ArrayList<>();
        v.forEach((a, value) -> seen.add(a.id() + "=" + value));
        assertThat(seen).containsExactly("somePercent=12.5", "someText=a", "someCount=3", "someRefs=[7, 8]");
        assertThat(v).hasToString("{somePercent=12.5, someText=a, someCount=3, someRefs=[7, 8]}");
    }

    @Test
    void settingAgainReplacesTheValueInItsPlace() {
        AttributeValues v = new AttributeValues.Builder().set(TEXT, "a").set(COUNT, 3L).set(TEXT, "b").build();

        assertThat(v.attributes()).containsExactly(TEXT, COUNT);
        assertThat(v.get(TEXT)).isEqualTo("b");
    }

    @Test
    void nullEmptyTextAndEmptyListMeanAbsentAndRemoveAValue() {
        assertThat(new AttributeValues.Builder().set(TEXT, null).set(TEXT, "").set(REFS, List.of()).set(COUNT, null)
                .build()).isSameAs(AttributeValues.NONE);
        AttributeValues v = new AttributeValues.Builder().set(TEXT, "a").set(REFS, List.of("1")).set(COUNT, 0L)
                .set(TEXT, "").set(REFS, List.of()).build();
        assertThat(v.attributes()).as("zero is a value, not absent").containsExactly(COUNT);
        assertThat(v.get(TEXT)).isNull();
        assertThat(v.get(REFS)).isNull();
        assertThat(new AttributeValues.Builder().set(COUNT, 1L).set(COUNT, null).build()).isSameAs(AttributeValues.NONE);
        assertThat(AttributeValues.NONE.isEmpty()).isTrue();
        assertThat(AttributeValues.NONE.attributes()).isEmpty();
    }

    @Test
    void aListIsCopiedSoThatTheCallerCannotChangeIt() {
        List<String> ids = new ArrayList<>(List.of("1", "2"));
        AttributeValues v = new AttributeValues.Builder().set(REFS, ids).build();
        ids.add("3");
        assertThat(v.get(REFS)).isEqualTo(List.of("1", "2"));
        assertThatThrownBy(() -> ((List<?>) v.get(REFS)).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of(TEXT, 42L),
                Arguments.of(COUNT, "42"),
                Arguments.of(COUNT, 42),
                Arguments.of(BYTES, 4.2),
                Arguments.of(DURATION, 1500L),
                Arguments.of(INSTANT, "2026-01-01T00:00:00Z"),
                Arguments.of(PERCENT, 50),
                Arguments.of(FLAG, "true"),
                Arguments.of(REFS, "7"),
                Arguments.of(REFS, Map.of("7", "8")));
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @MethodSource("wrongTypes")
    void aValueOfTheWrongTypeIsRefused(Attribute<?> attribute, Object value) {
        AttributeValues.Builder b = new AttributeValues.Builder().set(TEXT, "kept");
        assertThatThrownBy(() -> setRaw(b, attribute, value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(attribute.id()).hasMessageContaining(attribute.type().name());
        assertThat(b.build().attributes()).as("nothing set").containsExactly(TEXT);
    }

    @Test
    void aCommonValueIsNoDeclaredAttribute() {
        assertThatThrownBy(() -> new AttributeValues.Builder().set(StandardAttributes.USER, "app"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("common value");
    }

    @Test
    void equalityIsFromTheData() {
        AttributeValues a = new AttributeValues.Builder().set(TEXT, new String("x")).set(COUNT, 1000L)
                .set(DURATION, Duration.ofMillis(1500)).set(REFS, new ArrayList<>(List.of("7"))).build();
        AttributeValues b = new AttributeValues.Builder().set(TEXT, "x").set(COUNT, Long.valueOf(1000))
                .set(DURATION, Duration.ofNanos(1_500_000_000)).set(REFS, List.of("7")).build();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotSameAs(b);
        assertThat(new AttributeValues.Builder(a).build()).isEqualTo(a);
        assertThat(new AttributeValues.Builder(a).set(COUNT, 1001L).build()).isNotEqualTo(a);
        assertThat(new AttributeValues.Builder(a).set(FLAG, false).build()).isNotEqualTo(a);
        assertThat(new AttributeValues.Builder(a).set(REFS, null).build()).isNotEqualTo(a);
        assertThat(new AttributeValues.Builder().set(BYTES, 1000L).build())
                .as("the same value under another attribute").isNotEqualTo(new AttributeValues.Builder().set(COUNT, 1000L).build());
        assertThat(a).isNotEqualTo(null).isNotEqualTo("x");
    }

    @Test
    void aBuilderTakesMoreValuesThanItFirstHoldsAndARemovalKeepsTheOthersInOrder() {
        List<Attribute<Long>> many = new ArrayList<>();
        AttributeValues.Builder b = new AttributeValues.Builder();
        for (int i = 0; i < 70; i++) {
            Attribute<Long> a = Attribute.count("growing" + i, TITLE).build();
            many.add(a);
            b.set(a, (long) i);
        }
        b.set(many.get(3), null).set(many.get(19), null).set(many.get(0), null).set(many.get(7), 70L)
                .set(many.get(66), 660L).set(many.get(2), 20L);
        AttributeValues v = b.build();

        List<Attribute<?>> expected = new ArrayList<>(many);
        expected.removeAll(List.of(many.get(3), many.get(19), many.get(0)));
        assertThat(v.attributes()).containsExactlyElementsOf(expected);
        assertThat(v.get(many.get(7))).isEqualTo(70L);
        assertThat(v.get(many.get(18))).isEqualTo(18L);
        assertThat(v.get(many.get(66))).isEqualTo(660L);
        assertThat(v.get(many.get(2))).isEqualTo(20L);
        assertThat(v.get(many.get(3))).isNull();
        AttributeValues seeded = new AttributeValues.Builder(v).set(many.get(3), 3L).set(many.get(1), null).build();
        assertThat(seeded.attributes()).hasSize(67).endsWith(many.get(3)).doesNotContain(many.get(1));
        assertThat(v.attributes()).as("the values seeded from").containsExactlyElementsOf(expected);
    }

    @Test
    void anAttributeIsFoundByIdentityNotById() {
        Attribute<Long> one = Attribute.count("sameId", TITLE).build();
        Attribute<Long> other = Attribute.count("sameId", TITLE).build();
        AttributeValues v = new AttributeValues.Builder().set(one, 1L).set(other, 2L).build();

        assertThat(v.size()).isEqualTo(2);
        assertThat(v.get(one)).isEqualTo(1L);
        assertThat(v.get(other)).isEqualTo(2L);
    }

    @Test
    void aBuilderSeededWithValuesLeavesThemUnchanged() {
        AttributeValues a = new AttributeValues.Builder().set(TEXT, "x").build();
        AttributeValues b = new AttributeValues.Builder(a).set(TEXT, "y").set(COUNT, 1L).build();
        assertThat(a.get(TEXT)).isEqualTo("x");
        assertThat(a.attributes()).containsExactly(TEXT);
        assertThat(b.attributes()).containsExactly(TEXT, COUNT);
    }

    @Test
    void attributeIdsAreCamelCaseAndTypesFitTheirClass() {
        assertThatThrownBy(() -> Attribute.text("Some id", TITLE).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Attribute.text("some_id", TITLE).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Attribute.of("someId", String.class, ValueType.COUNT, TITLE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Attribute.of("someId", Long.class, ValueType.BYTES, TITLE).build().exportKey()).isEqualTo("someIdBytes");
        assertThat(DURATION.exportKey()).isEqualTo("someDurationMs");
        assertThat(TEXT.exportKey()).isEqualTo("someText");
    }
}
