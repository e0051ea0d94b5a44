package org.qatlas.stdlib.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The fields of one kind of domain value, declared once: for each its name, its {@link Type}, its
 * default, its checks (with the words of their errors) and how to read it from a value. From the
 * table come the built-in's parameters and defaults ({@link #fields()}), the reading of a script's
 * arguments ({@link #make}), the checks a value's constructor runs ({@link #check}), the fields a
 * script reads ({@link #get}), {@code with} ({@link #with}) and the shortest call that makes a
 * value ({@link #call}).
 *
 * <p>Arguments and fields are plain Java values, as {@link FieldValue} describes. A field left out
 * or given as none takes its default; a field whose default is none may stay none. A default may
 * follow from the fields before it ({@link Field#derived}), and a value may show fields that
 * follow from the others and are no parameters ({@link Computed}).
 *
 * <pre>{@code
 * static final Field<Cosine, Double> FLOOR = Field.of("floor", Type.NUMBER, 0.1, Cosine::floor)
 *         .check(f -> f >= 0 && f <= 1, "must be a fraction between 0 and 1");
 * static final FieldTable<Cosine> TABLE = new FieldTable<>("cosine", List.of(WARMUP, FLOOR),
 *         v -> new Cosine(v.get(WARMUP), v.get(FLOOR)));
 * }</pre>
 *
 * @param <T> the kind of value the table makes
 */
public final class FieldTable<T> {
    /** How a script's value becomes a field's Java value, and back; the error names the field. */
    public interface Type<V> {
        /** The value as the field holds it; {@code owner} and {@code name} are for the error. */
        V read(String owner, String name, Object value);

        /** The value as scripts see it (a Long, a Double, a String, ...); by default itself. */
        default Object show(V value) {
            return value;
        }

        Type<Double> NUMBER = Fields::number;
        Type<Long> WHOLE = Fields::wholeNumber;
        Type<Boolean> BOOLEAN = Fields::bool;
        Type<String> STRING = Fields::string;
        /** A whole number from 1 up to the largest int, held as an int and shown as a Long. */
        Type<Integer> POSITIVE_INT = new Type<>() {
            @Override
            public Integer read(String owner, String name, Object value) {
                return Fields.positiveInt(owner, name, value);
            }

            @Override
            public Object show(Integer value) {
                return value.longValue();
            }
        };

        /**
         * A whole number from {@code min} to {@code max}, held as an int and shown as a Long;
         * the range is checked before the number is narrowed, so 2^32 + 16 is refused, not 16.
         */
        static Type<Integer> intBetween(int min, int max) {
            return new Type<>() {
                @Override
                public Integer read(String owner, String name, Object value) {
                    long n = Fields.wholeNumber(owner, name, value);
                    if (n < min || n > max) {
                        throw new IllegalArgumentException(owner + ": " + name + " must be between " + min + " and " + max
                                + ", not " + n);
                    }
                    return (int) n;
                }

                @Override
                public Object show(Integer value) {
                    return value.longValue();
                }
            };
        }
    }

    /**
     * One field: its name, type, default (null: none), the default made from the fields before
     * it (null: the fixed one), whether the call must give it, checks, and how to read it from a
     * value (null for a parameter that is no field of the result).
     */
    public record Field<T, V>(String name, Type<V> type, V fallback, Function<Values, V> derived, boolean required,
            Function<T, V> getter, List<Check<V>> checks) {
        public static <T, V> Field<T, V> of(String name, Type<V> type, V fallback, Function<T, V> getter) {
            return new Field<>(name, type, fallback, null, false, getter, List.of());
        }

        /** A field without a default: the call must give it. */
        public static <T, V> Field<T, V> required(String name, Type<V> type, Function<T, V> getter) {
            return new Field<>(name, type, null, null, true, getter, List.of());
        }

        /**
         * A field whose default follows from the fields before it in the table, such as a width
         * from the model's hidden size; help shows its default as none.
         */
        public static <T, V> Field<T, V> derived(String name, Type<V> type, Function<Values, V> fallback,
                Function<T, V> getter) {
            return new Field<>(name, type, null, fallback, false, getter, List.of());
        }

        /**
         * This field with one more check: a value for which {@code ok} fails is refused with
         * "owner: name mustBe, not value".
         */
        public Field<T, V> check(Predicate<V> ok, String mustBe) {
            List<Check<V>> more = new ArrayList<>(checks);
            more.add(new Check<>(ok, mustBe));
            return new Field<>(name, type, fallback, derived, required, getter, List.copyOf(more));
        }

        /** The value a script gave, read by the type; the default when it gave none. */
        V read(String owner, Object value, Values before) {
            return value == null && !required ? fallbackAfter(before) : type.read(owner, name, value);
        }

        /** The default, given the fields before this one. */
        V fallbackAfter(Values before) {
            return derived == null ? fallback : derived.apply(before);
        }

        Object shown(T value) {
            V v = getter.apply(value);
            return v == null ? null : type.show(v);
        }
    }

    /** A condition on a field's value, and what the error says the value must be. */
    public record Check<V>(Predicate<V> ok, String mustBe) {
    }

    /**
     * A field a value shows that follows from its other fields, such as a model's parameter
     * count: no parameter of the built-in, and {@code with} cannot set it. Setting it is refused
     * with "kind: name refusal"; without a refusal, as a name the value does not have.
     */
    public record Computed<T>(String name, Function<T, Object> getter, String refusal) {
        public static <T> Computed<T> of(String name, Function<T, Object> getter) {
            return new Computed<>(name, getter, null);
        }

        /** This field, whose setting {@code with} refuses with "kind: name refusal". */
        public Computed<T> refused(String why) {
            return new Computed<>(name, getter, why);
        }
    }

    /**
     * The values of the fields of one call, by field, as the factory receives them; Java code
     * fills one to check values before it makes one ({@link #check(Values)}).
     */
    public static final class Values {
        private final Map<Field<?, ?>, Object> values = new LinkedHashMap<>();

        @SuppressWarnings("unchecked")
        public <V> V get(Field<?, V> field) {
            return (V) values.get(field);
        }

        /** These values and {@code field}'s. */
        public <V> Values with(Field<?, V> field, V value) {
            values.put(field, value);
            return this;
        }
    }

    private final String kind;
    private final List<Field<T, ?>> fields;
    private final List<Computed<T>> computed;
    private final Function<Values, T> factory;
    private final Function<Values, String> owner;

    /** A table whose errors begin with {@code kind}: "budget: lr must be ...". */
    public FieldTable(String kind, List<Field<T, ?>> fields, Function<Values, T> factory) {
        this(kind, fields, factory, values -> kind);
    }

    /**
     * A table whose errors begin with what {@code owner} makes of the fields read so far, such as
     * "int(4)" once int's bits are read.
     */
    public FieldTable(String kind, List<Field<T, ?>> fields, Function<Values, T> factory, Function<Values, String> owner) {
        this(kind, fields, List.of(), factory, owner);
    }

    private FieldTable(String kind, List<Field<T, ?>> fields, List<Computed<T>> computed, Function<Values, T> factory,
            Function<Values, String> owner) {
        this.kind = kind;
        this.fields = List.copyOf(fields);
        this.computed = List.copyOf(computed);
        this.factory = factory;
        this.owner = owner;
    }

    /** This table, whose values also show {@code more}, after the fields a call sets. */
    public FieldTable<T> computing(List<Computed<T>> more) {
        List<Computed<T>> all = new ArrayList<>(computed);
        all.addAll(more);
        return new FieldTable<>(kind, fields, all, factory, owner);
    }

    /** What scripts call the values of this table, and the name of its built-in. */
    public String kind() {
        return kind;
    }

    public List<Field<T, ?>> fields() {
        return fields;
    }

    /** The names of the fields a value shows, in order: the ones a call sets, then the computed ones. */
    public List<String> names() {
        List<String> names = new ArrayList<>(settings());
        computed.forEach(c -> names.add(c.name()));
        return List.copyOf(names);
    }

    /** The names of the fields a value shows that {@code with} may set, in order. */
    public List<String> settings() {
        return fields.stream().filter(f -> f.getter() != null).map(Field::name).toList();
    }

    /** The default of a field as scripts see it; null for none. */
    public static Object shownDefault(Field<?, ?> field) {
        return showUnchecked(field, field.fallback());
    }

    /**
     * A value from named arguments (a missing or none one takes its default), each read by its
     * type in the table's order; the factory makes the value, whose constructor checks it.
     */
    public T make(Map<String, Object> arguments) {
        Fields.checkNames(kind, arguments, fields.stream().map(Field::name).toList());
        Values values = new Values();
        // What the script wrote is read first, so that its errors come before those of a default
        // derived from it (a width too large for the hidden size it gave).
        for (Field<T, ?> field : fields) {
            Object argument = arguments.get(field.name());
            if (argument != null || field.derived() == null) {
                values.values.put(field, field.read(owner.apply(values), argument, values));
            }
        }
        for (Field<T, ?> field : fields) {
            if (arguments.get(field.name()) == null && field.derived() != null) {
                values.values.put(field, field.fallbackAfter(values));
            }
        }
        return factory.apply(values);
    }

    /**
     * Runs the checks of every field on {@code value}: what a value's constructor calls, so that
     * a value is checked once, where it is made, whether a script or Java makes it.
     */
    public void check(T value) {
        check(valuesOf(value));
    }

    /**
     * Runs the checks of every field on {@code values}: for a value that is costly to make (a
     * generated text), checked before it is made. A field without a value is not checked.
     */
    public void check(Values values) {
        String who = owner.apply(values);
        for (Field<T, ?> field : fields) {
            requireValid(field, who, values);
        }
    }

    private Values valuesOf(T value) {
        Values values = new Values();
        for (Field<T, ?> field : fields) {
            if (field.getter() != null) {
                values.values.put(field, field.getter().apply(value));
            }
        }
        return values;
    }

    private static <T, V> void requireValid(Field<T, V> field, String who, Values values) {
        V value = values.get(field);
        for (Check<V> check : field.checks()) {
            if (value != null && !check.ok().test(value)) {
                throw new IllegalArgumentException(who + ": " + field.name() + " " + check.mustBe() + ", not "
                        + Fields.show(field.type().show(value)));
            }
        }
    }

    /** The field {@code name} of {@code value} as scripts see it. */
    public Object get(T value, String name) {
        for (Field<T, ?> field : fields) {
            if (field.name().equals(name) && field.getter() != null) {
                return field.shown(value);
            }
        }
        for (Computed<T> c : computed) {
            if (c.name().equals(name)) {
                return c.getter().apply(value);
            }
        }
        throw new IllegalArgumentException(kind + " has no field '" + name + "'");
    }

    /** All fields of {@code value} as scripts see them, in order. */
    public Map<String, Object> fieldsOf(T value) {
        Map<String, Object> shown = new LinkedHashMap<>();
        for (Field<T, ?> field : fields) {
            if (field.getter() != null) {
                shown.put(field.name(), field.shown(value));
            }
        }
        computed.forEach(c -> shown.put(c.name(), c.getter().apply(value)));
        return shown;
    }

    /**
     * A copy of {@code value} with some fields replaced, checked as a call would be; a
     * computed field cannot be replaced.
     */
    public T with(T value, Map<String, Object> changes) {
        for (Computed<T> c : computed) {
            if (c.refusal() != null && changes.containsKey(c.name())) {
                throw new IllegalArgumentException(kind + ": " + c.name() + " " + c.refusal());
            }
        }
        List<String> settings = settings();
        Fields.checkNames(kind, changes, settings);
        Map<String, Object> merged = new LinkedHashMap<>(fieldsOf(value));
        merged.keySet().retainAll(settings);
        merged.putAll(changes);
        return make(merged);
    }

    /**
     * The shortest call that makes {@code value}: required fields by position, then the others
     * that differ from their defaults by name: {@code int(4, group: 32)}.
     */
    public String call(T value) {
        Values values = valuesOf(value);
        List<String> parts = new ArrayList<>();
        for (Field<T, ?> field : fields) {
            Object shown = field.shown(value);
            if (field.required()) {
                parts.add(Fields.show(shown));
            } else if (!java.util.Objects.equals(shown, shownDefault(field, values))) {
                parts.add(field.name() + ": " + Fields.show(shown));
            }
        }
        return kind + "(" + String.join(", ", parts) + ")";
    }

    /** The default of {@code field} given a value's other fields, as scripts see it. */
    private static Object shownDefault(Field<?, ?> field, Values values) {
        try {
            return showUnchecked(field, field.fallbackAfter(values));
        } catch (IllegalArgumentException e) {
            return null; // a default that cannot be made for these fields is not the value's
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> Object showUnchecked(Field<?, V> field, Object value) {
        return value == null ? null : field.type().show((V) value);
    }
}
