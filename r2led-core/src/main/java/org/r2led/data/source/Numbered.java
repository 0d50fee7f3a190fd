package org.r2led.data.source;

/** A record of an input file as error messages name it: where it starts, its raw text, and what is wrong with it. */
interface Numbered {
  /** 1-based line where the record starts. */
  long line();

  /** The record's raw text. */
  String text();

  /** Why the record is malformed before any field is looked at (quoting, decoding), or null. */
  String problem();
}
