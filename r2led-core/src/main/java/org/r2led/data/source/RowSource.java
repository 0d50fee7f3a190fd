package org.r2led.data.source;

import java.io.Closeable;

/** A file read record by record (delimited rows, JSON lines), as {@link RowLoop} consumes it. */
interface RowSource<R extends Numbered> extends Closeable {
  /** Name used in error messages. */
  String name();

  /** Size of the file in bytes (for progress). */
  long size();

  /** Bytes consumed so far (for progress). */
  long bytesRead();

  /** The next record, or null at the end. */
  R next();

  @Override
  void close();
}
