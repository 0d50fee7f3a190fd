package org.r2led.data.source;

/**
 * A malformed input row: names the file, the 1-based line where the record starts, the problem and
 * the offending text, formatted as {@code file:line: problem (text: "...")}.
 */
public final class BadInputException extends RuntimeException {
  private final String file;
  private final long line;
  private final String problem;
  private final String text;

  public BadInputException(String file, long line, String problem, String text) {
    super(format(file, line, problem, text));
    this.file = file;
    this.line = line;
    this.problem = problem;
    this.text = text;
  }

  /** The canonical one-line description {@code file:line: problem (text: "...")}. */
  public static String format(String file, long line, String problem, String text) {
    String shown = oneLine(text == null ? "" : text);
    if (shown.length() > 200) shown = shown.substring(0, 200) + "...";
    return file + ":" + line + ": " + oneLine(problem) + " (text: \"" + shown + "\")";
  }

  private static String oneLine(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }

  public String file() { return file; }

  public long line() { return line; }

  public String problem() { return problem; }

  public String text() { return text; }
}
