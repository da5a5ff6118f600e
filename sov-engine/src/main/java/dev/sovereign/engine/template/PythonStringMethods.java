package dev.sovereign.engine.template;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Python's str methods that chat templates call ({@code content.startswith('<think>')},
 * {@code content.split('</think>')[-1].lstrip('\n')}...), which java.lang.String does not have or has with other
 * semantics; every other property or method goes to jinjava's own resolver.
 */
final class PythonStringMethods extends ELResolver {
    private final ELResolver delegate;

    PythonStringMethods(ELResolver delegate) {
        this.delegate = delegate;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (base instanceof String s && method instanceof String name) {
            Object[] args = params == null ? new Object[0] : params;
            Object result = call(s, name, args);
            if (result != NOT_HANDLED) {
                context.setPropertyResolved(true);
                return result;
            }
        }
        return delegate.invoke(context, base, method, paramTypes, params);
    }

    private static final Object NOT_HANDLED = new Object();

    private static Object call(String s, String name, Object[] args) {
        return switch (name) {
            case "startswith" -> anyOf(args[0], s::startsWith);
            case "endswith" -> anyOf(args[0], s::endsWith);
            case "strip" -> rstrip(lstrip(s, chars(args)), chars(args));
            case "lstrip" -> lstrip(s, chars(args));
            case "rstrip" -> rstrip(s, chars(args));
            case "split" -> split(s, args.length > 0 ? (String) args[0] : null,
                    args.length > 1 ? ((Number) args[1]).intValue() : -1);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "title" -> title(s);
            case "capitalize" -> s.isEmpty() ? s
                    : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            case "find" -> s.indexOf((String) args[0]);
            case "count" -> count(s, (String) args[0]);
            case "isspace" -> !s.isEmpty() && s.chars().allMatch(Character::isWhitespace);
            case "isdigit" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            default -> NOT_HANDLED;
        };
    }

    private static boolean anyOf(Object prefixes, java.util.function.Predicate<String> test) {
        if (prefixes instanceof List<?> list) {
            return list.stream().anyMatch(p -> test.test(String.valueOf(p)));
        }
        return test.test(String.valueOf(prefixes));
    }

    private static String chars(Object[] args) {
        return args.length > 0 && args[0] != null ? String.valueOf(args[0]) : null;
    }

    private static boolean strippable(int c, String chars) {
        return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
    }

    private static String lstrip(String s, String chars) {
        int i = 0;
        while (i < s.length() && strippable(s.charAt(i), chars)) {
            i++;
        }
        return s.substring(i);
    }

    private static String rstrip(String s, String chars) {
        int j = s.length();
        while (j > 0 && strippable(s.charAt(j - 1), chars)) {
            j--;
        }
        return s.substring(0, j);
    }

    /** Python semantics: a literal separator (not a regex), or runs of whitespace when none is given. */
    private static List<String> split(String s, String separator, int maxSplit) {
        if (separator == null) {
            String trimmed = s.strip();
            return trimmed.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(
                    trimmed.split("\\s+", maxSplit < 0 ? -1 : maxSplit + 1)));
        }
        if (separator.isEmpty()) {
            throw new ChatTemplateException("split(): empty separator");
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((maxSplit < 0 || parts.size() < maxSplit) && (at = s.indexOf(separator, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + separator.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean previousCased = false;
        for (char c : s.toCharArray()) {
            sb.append(previousCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
            previousCased = Character.isLetter(c);
        }
        return sb.toString();
    }

    private static int count(String s, String needle) {
        if (needle.isEmpty()) {
            return s.length() + 1;
        }
        int n = 0;
        for (int at = s.indexOf(needle); at >= 0; at = s.indexOf(needle, at + needle.length())) {
            n++;
        }
        return n;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return delegate.getCommonPropertyType(context, base);
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return delegate.getFeatureDescriptors(context, base);
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return delegate.getType(context, base, property);
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return delegate.getValue(context, base, property);
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return delegate.isReadOnly(context, base, property);
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        delegate.setValue(context, base, property, value);
    }
}
