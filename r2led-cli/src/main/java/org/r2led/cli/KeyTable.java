package org.r2led.cli;

import java.util.Locale;
import org.r2led.config.ConfigKey;
import org.r2led.config.KeySet;

/**
 * Lists configuration keys one per line — name, default, description, what a valid value looks like —
 * for {@code models} and every {@code --help-keys}.
 */
final class KeyTable {
  private KeyTable() {}

  /** Appends one line per key of {@code keys}, in key order. */
  static void append(StringBuilder out, KeySet keys) {
    for (ConfigKey<?> k : keys.all()) {
      out.append(String.format(Locale.ROOT, "  %-24s %-16s %s (%s)%n", k.name(), String.valueOf(k.defaultValue()), k.doc(),
          k.expected()));
    }
  }

  /** A titled listing: {@code title}, the keys, a blank line. */
  static String of(String title, KeySet keys) {
    StringBuilder out = new StringBuilder(title).append('\n');
    append(out, keys);
    return out.append('\n').toString();
  }
}
