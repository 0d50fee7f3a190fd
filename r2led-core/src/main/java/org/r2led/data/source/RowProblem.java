package org.r2led.data.source;

/** Internal signal that the row being parsed is malformed; the reader turns it into a {@link BadRows} report. */
final class RowProblem extends RuntimeException {
  RowProblem(String problem) {
    super(problem, null, false, false);
  }
}
