package org.r2led.data.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Policy for malformed rows. In strict mode (the default) the first bad row throws a
 * {@link BadInputException}; in skip mode rows are dropped, counted, and the first
 * {@link #MAX_EXAMPLES} are kept as examples for the report and the manifest notes.
 */
public final class BadRows {
  /** Number of example messages kept in skip mode. */
  public static final int MAX_EXAMPLES = 5;

  private final boolean skip;
  private long count;
  private final List<String> examples = new ArrayList<>();

  public BadRows(boolean skip) {
    this.skip = skip;
  }

  /** Reports a bad row: throws in strict mode, records it in skip mode. */
  public void report(String file, long line, String problem, String text) {
    BadInputException e = new BadInputException(file, line, problem, text);
    if (!skip) throw e;
    count++;
    if (examples.size() < MAX_EXAMPLES) examples.add(e.getMessage());
  }

  /** Reports an already-built error (same policy as {@link #report}). */
  public void report(BadInputException e) {
    if (!skip) throw e;
    count++;
    if (examples.size() < MAX_EXAMPLES) examples.add(e.getMessage());
  }

  public boolean skipping() { return skip; }

  /** Number of rows skipped so far. */
  public long count() { return count; }

  /** The first (at most {@value #MAX_EXAMPLES}) skipped-row messages. */
  public List<String> examples() { return List.copyOf(examples); }
}
