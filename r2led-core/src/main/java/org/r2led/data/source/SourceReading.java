package org.r2led.data.source;

import java.io.PrintStream;

/**
 * A source read in two halves: its {@link EventsFile} (parsed row by row) and everything else — the
 * catalog read before the events (MovieLens movies, a generic items file) and what is derived after
 * them (vocabularies, item text, notes) in {@link #finish}. The local readers run both halves in one
 * process ({@link #readLocally}); a distributed reader parses the events file on executors and, on
 * the driver, interns the events' distinct items, categories and behaviors here before
 * {@link #finish}, so the non-event parts of {@link SourceData} come from the same code.
 */
public abstract class SourceReading {
  protected final IdDictionary users = new IdDictionary();
  protected final IdDictionary items = new IdDictionary();
  protected final IdDictionary categories = new IdDictionary();
  protected final IdDictionary behaviors = new IdDictionary();
  protected final EventBuffer events = new EventBuffer();

  /** The events file and its row parser. */
  public abstract EventsFile eventsFile();

  /**
   * Completes the reading after the events: reads what follows them (e.g. MovieLens tags) and
   * assembles the {@link SourceData}; its event buffer holds the events {@link #add}ed (none on a
   * distributed driver).
   */
  public abstract SourceData finish(BadRows bad, PrintStream log);

  /** Adds one parsed event (interning its ids in first-seen order). */
  public void add(ParsedEvent e) {
    int beh = behaviors.intern(e.behavior());
    events.add(users.intern(e.user()), items.intern(e.item()), e.category() == null ? -1 : categories.intern(e.category()),
        beh, e.ts(), e.rating(), e.label());
  }

  /** Item ids (a distributed driver interns the events' items here, in order of first occurrence). */
  public IdDictionary items() { return items; }

  /** Category names. */
  public IdDictionary categories() { return categories; }

  /** Behavior names. */
  public IdDictionary behaviors() { return behaviors; }

  /** Reads the events file in this process, then {@link #finish}es. */
  public SourceData readLocally(BadRows bad, PrintStream log) {
    EventsFile f = eventsFile();
    EventsFile.RowParser parser = f.parser();
    try (CsvReader r = new CsvReader(f.file(), f.name(), f.dialect())) {
      RowLoop.run(r, f.headerCheck(), bad, log, row -> add(parser.parse(row)));
    }
    return finish(bad, log);
  }
}
