package org.r2led.serving.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Per-user, time-ordered behavior histories in an embedded RocksDB (key layout: {@link EventKeys}).
 *
 * <p>{@link #append} writes all its events, the per-user counts, the trimming of histories over the
 * cap and the sequence counter as one {@link WriteBatch}: all or nothing. With {@code sync} the
 * write-ahead log is fsynced before it returns, so an acknowledged event survives a crash of the
 * process or the machine. Events arriving out of order are kept in time order per user (ties in
 * arrival order); a user's history holds at most {@code cap} events, the oldest dropped.
 *
 * <p>Thread-safe: appends are serialized (they read and rewrite counts); reads run concurrently;
 * {@link #close} waits for running calls, and calls after it fail with IllegalStateException.
 *
 * <p>A failed write (a full disk, an I/O error) leaves RocksDB refusing every later write until it
 * is reopened. The store therefore records the failure ({@link #writeState}), answers appends with
 * {@link StoreUnavailableException} while it lasts, and recovers by itself: the next append or
 * {@link #writeState} call after {@value #RECOVERY_INTERVAL_MS} ms, once the disk has at least
 * {@value #RECOVERY_MIN_FREE_BYTES} bytes free, closes and reopens the database (RocksDB replays its
 * write-ahead log; a batch that failed is then either wholly there or absent, as after a crash). Reads
 * keep working from the failed instance until the reopen.
 */
public final class EventStore implements AutoCloseable {
  static { RocksDB.loadLibrary(); }

  private static final String FORMAT = "r2led-event-store 1";

  /** Least time between two attempts to reopen a store whose writes failed. */
  public static final long RECOVERY_INTERVAL_MS = 1_000;
  /** Free bytes the store's file system needs before a reopen is attempted. */
  public static final long RECOVERY_MIN_FREE_BYTES = 1L << 20;

  private final Path dir;
  private final int cap;
  /** Opened by {@link #openForReading}: a RocksDB secondary instance whose own files live in {@link #secondaryDir}. */
  private final boolean readOnly;
  private final Path secondaryDir;
  private RocksDB db;
  private final Options options;
  private final WriteOptions synced = new WriteOptions().setSync(true);
  private final WriteOptions unsynced = new WriteOptions();
  private final ReentrantReadWriteLock open = new ReentrantReadWriteLock();
  private boolean closed;
  private long nextSeq;
  private volatile WriteState writeState = WriteState.OK;
  private long lastRecoveryAttempt;
  private final java.util.concurrent.atomic.AtomicLong invalidSkipped = new java.util.concurrent.atomic.AtomicLong();

  /**
   * Whether the store accepts writes: {@code writable}, else the failure that stopped them (message),
   * since when (Unix ms), and how many reopen attempts failed since.
   */
  public record WriteState(boolean writable, String error, long sinceMillis, int failedRecoveries) {
    static final WriteState OK = new WriteState(true, null, 0, 0);
  }

  private EventStore(Path dir, int cap, Options options, RocksDB db, Path secondaryDir) throws RocksDBException {
    this.dir = dir;
    this.cap = cap;
    this.options = options;
    this.db = db;
    this.readOnly = secondaryDir != null;
    this.secondaryDir = secondaryDir;
    checkFormat();
  }

  private void checkFormat() throws RocksDBException {
    byte[] format = db.get(EventKeys.META_FORMAT);
    if (format == null && readOnly) {
      throw new IllegalArgumentException(dir + " is not an r2led event store: it has no format record");
    } else if (format == null) {
      db.put(synced, EventKeys.META_FORMAT, FORMAT.getBytes(StandardCharsets.UTF_8));
    } else if (!FORMAT.equals(new String(format, StandardCharsets.UTF_8))) {
      throw new IllegalArgumentException(dir + " is not an r2led event store of this version ("
          + new String(format, StandardCharsets.UTF_8) + ")");
    }
    byte[] seq = db.get(EventKeys.META_SEQ);
    this.nextSeq = seq == null ? 0 : ByteBuffer.wrap(seq).getLong();
  }

  /**
   * Opens the store in {@code dir}, creating it when missing or empty; refuses a non-empty directory
   * that is not a RocksDB store.
   *
   * @param cap most events kept per user (the oldest are dropped on append)
   */
  public static EventStore open(Path dir, int cap) {
    if (cap < 1) throw new IllegalArgumentException("history cap must be at least 1, got " + cap);
    try {
      if (Files.isDirectory(dir) && !Files.exists(dir.resolve("CURRENT"))) {
        try (Stream<Path> s = Files.list(dir)) {
          if (s.findAny().isPresent()) throw new IllegalArgumentException("refusing to use " + dir
              + " as an event store: it is not empty and holds no store");
        }
      }
      Files.createDirectories(dir);
      Options options = new Options().setCreateIfMissing(true);
      return new EventStore(dir, cap, options, RocksDB.open(options, dir.toString()), null);
    } catch (RocksDBException e) {
      throw new IllegalStateException("cannot open event store " + dir + ": " + e.getMessage(), e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot open event store " + dir, e);
    }
  }

  /**
   * Opens an existing store for reading only, also while a service has it open for writing: a RocksDB
   * secondary instance that sees everything acknowledged up to this call (synced write-ahead log
   * included, so also after a crash of the writer). Appends on it throw IllegalStateException.
   */
  public static EventStore openForReading(Path dir) {
    if (!Files.isRegularFile(dir.resolve("CURRENT"))) {
      throw new IllegalArgumentException("not an event store: " + dir + " holds no RocksDB store (no CURRENT file)");
    }
    Path secondary = null;
    Options options = new Options().setMaxOpenFiles(-1);
    try {
      secondary = Files.createTempDirectory("r2led-store-reader");
      RocksDB db = RocksDB.openAsSecondary(options, dir.toString(), secondary.toString());
      db.tryCatchUpWithPrimary();
      return new EventStore(dir, Integer.MAX_VALUE, options, db, secondary);
    } catch (RocksDBException | RuntimeException e) {
      options.close();
      deleteTree(secondary);
      if (e instanceof IllegalArgumentException iae) throw iae;
      throw new IllegalStateException("cannot open event store " + dir + " for reading: " + e.getMessage(), e);
    } catch (java.io.IOException e) {
      options.close();
      throw new java.io.UncheckedIOException("cannot create a reader directory for event store " + dir, e);
    }
  }

  private static void deleteTree(Path p) {
    if (p == null) return;
    try {
      org.r2led.io.FileTrees.delete(p);
    } catch (RuntimeException | java.io.IOException e) {
      org.slf4j.LoggerFactory.getLogger(EventStore.class).warn("could not delete the store reader's directory {}: {}", p, e.toString());
    }
  }

  public Path dir() { return dir; }

  public int cap() { return cap; }

  /** Appends {@code events} atomically with the write-ahead log synced before returning. */
  public void append(List<Event> events) { append(events, true); }

  /**
   * Appends {@code events} atomically; {@code sync}: fsync the write-ahead log before returning.
   *
   * @throws StoreUnavailableException when writes failed (e.g. a full disk) and have not recovered
   */
  public void append(List<Event> events, boolean sync) { writing(sync, (batch, seq) -> write(batch, events, seq)); }

  /**
   * Appends {@code impressions} atomically with the write-ahead log synced before returning: an
   * acknowledged impression survives a crash, as an event does. Impressions are kept beside the events
   * (no per-user cap) and read back by time range ({@link #forEachImpression}) or user ({@link #impressions}).
   * An impression with a request id is stored once per user and request id: one the store already holds, or one
   * repeated in {@code impressions}, is skipped (a retried request stores nothing twice; the id is recorded in
   * the same atomic batch as the impression).
   *
   * @return how many impressions were stored (the others were duplicates)
   * @throws StoreUnavailableException when writes failed (e.g. a full disk) and have not recovered
   */
  public int appendImpressions(List<Impression> impressions) {
    int[] stored = {0};
    writing(true, (batch, seq) -> {
      stored[0] = 0;
      Set<ByteBuffer> requests = new HashSet<>();
      for (Impression m : impressions) {
        byte[] request = m.requestId() == null ? null : EventKeys.requestKey(m.user(), m.requestId());
        if (request != null && (!requests.add(ByteBuffer.wrap(request)) || db.get(request) != null)) continue;
        long s = seq++;
        byte[] key = EventKeys.impressionKey(m.ts(), s);
        batch.put(key, ImpressionCodec.encode(m));
        batch.put(EventKeys.userImpressionKey(m.user(), m.ts(), s), new byte[0]);
        if (request != null) batch.put(request, key);
        stored[0]++;
      }
      return seq;
    });
    return stored[0];
  }

  /** Fills one write batch from the next free sequence number; returns the next free one after it. */
  private interface BatchFill {
    long fill(WriteBatch batch, long seq) throws RocksDBException;
  }

  /** Writes one batch (its sequence counter included) all or nothing, handling a failed store as {@link #append} says. */
  private synchronized void writing(boolean sync, BatchFill fill) {
    if (readOnly) throw new IllegalStateException("event store " + dir + " is open for reading only");
    if (!writeState.writable()) recoverIfDue();
    reading(() -> {
      if (db == null || !writeState.writable()) throw unavailable();
      try (WriteBatch batch = new WriteBatch()) {
        long seq = fill.fill(batch, nextSeq);
        batch.put(EventKeys.META_SEQ, longBytes(seq));
        db.write(sync ? synced : unsynced, batch);
        nextSeq = seq;
      } catch (RocksDBException e) {
        writeFailed(e);
        throw unavailable();
      }
      return null;
    });
  }

  /**
   * The store's write state, first trying to recover a failed store when an attempt is due (so a
   * health probe also brings it back once space is free).
   */
  public WriteState writeState() {
    if (!writeState.writable()) {
      synchronized (this) {
        recoverIfDue();
      }
    }
    return writeState;
  }

  private void writeFailed(RocksDBException e) {
    String msg = e.getMessage() == null ? e.toString() : e.getMessage();
    WriteState prev = writeState;
    writeState = new WriteState(false, msg, prev.writable() ? System.currentTimeMillis() : prev.sinceMillis(), prev.failedRecoveries());
    lastRecoveryAttempt = System.currentTimeMillis();
    org.slf4j.LoggerFactory.getLogger(EventStore.class).error("event store {}: write failed, refusing writes until it recovers: {}", dir, msg);
  }

  private StoreUnavailableException unavailable() {
    WriteState w = writeState;
    return new StoreUnavailableException("event store is not accepting writes"
        + (w.error() == null ? "" : " (" + w.error() + ")") + "; it retries by itself once the disk has space");
  }

  /** Reopens the database when writes failed, at most once per interval and only with free space. Caller holds {@code this}. */
  private void recoverIfDue() {
    long now = System.currentTimeMillis();
    if (writeState.writable() || now - lastRecoveryAttempt < RECOVERY_INTERVAL_MS) return;
    lastRecoveryAttempt = now;
    try {
      if (Files.getFileStore(dir).getUsableSpace() < RECOVERY_MIN_FREE_BYTES) return;
    } catch (java.io.IOException e) {
      return; // cannot even stat the file system: not yet
    }
    open.writeLock().lock();
    try {
      if (closed) return;
      if (db != null) db.close();
      db = null;
      db = RocksDB.open(options, dir.toString());
      checkFormat();
      org.slf4j.LoggerFactory.getLogger(EventStore.class).warn("event store {}: writes recovered after: {}", dir, writeState.error());
      writeState = WriteState.OK;
    } catch (RocksDBException | RuntimeException e) {
      WriteState w = writeState;
      writeState = new WriteState(false, "reopen failed: " + e.getMessage(), w.sinceMillis(), w.failedRecoveries() + 1);
    } finally {
      open.writeLock().unlock();
    }
  }

  private long write(WriteBatch batch, List<Event> events, long seq) throws RocksDBException {
    Map<String, List<Event>> byUser = new LinkedHashMap<>();
    for (Event e : events) byUser.computeIfAbsent(e.user(), u -> new ArrayList<>()).add(e);
    for (Map.Entry<String, List<Event>> u : byUser.entrySet()) {
      String user = u.getKey();
      List<byte[]> added = new ArrayList<>(u.getValue().size());
      for (Event e : u.getValue()) {
        byte[] key = EventKeys.eventKey(user, e.ts(), seq++);
        batch.put(key, EventCodec.encode(e));
        added.add(key);
      }
      long count = storedCount(user) + added.size();
      if (count > cap) {
        for (byte[] k : oldest(user, added, (int) (count - cap))) batch.delete(k);
        count = cap;
      }
      batch.put(EventKeys.countKey(user), longBytes(count));
    }
    return seq;
  }

  /** The {@code n} smallest keys among the user's stored events and {@code added}. */
  private List<byte[]> oldest(String user, List<byte[]> added, int n) {
    List<byte[]> pool = new ArrayList<>(added);
    byte[] prefix = EventKeys.prefix(user);
    try (RocksIterator it = db.newIterator()) {
      int taken = 0;
      for (it.seek(prefix); it.isValid() && taken < n && EventKeys.startsWith(it.key(), prefix); it.next(), taken++) {
        pool.add(it.key());
      }
    }
    pool.sort(Arrays::compareUnsigned);
    return pool.subList(0, n);
  }

  /** Number of events stored for {@code user} (0 for an unknown user). */
  public long count(String user) { return reading(() -> storedCount(user)); }

  private long storedCount(String user) {
    try {
      byte[] v = db.get(EventKeys.countKey(user));
      return v == null ? 0 : ByteBuffer.wrap(v).getLong();
    } catch (RocksDBException e) {
      throw new IllegalStateException("event store read failed: " + e.getMessage(), e);
    }
  }

  /** The whole history of {@code user}, oldest first (at most {@code cap} events; empty when unknown). */
  public List<Event> history(String user) { return page(user, Integer.MAX_VALUE, null).events(); }

  /**
   * The most recent {@code n} events of {@code user} (all when fewer), oldest first: what a model with
   * a history window of {@code n} reads, without decoding the older events. Reads the user's keys
   * backwards from the last one.
   */
  public List<Event> recent(String user, int n) {
    if (n < 0) throw new IllegalArgumentException("n must be at least 0");
    return reading(() -> {
      byte[] prefix = EventKeys.prefix(user);
      byte[] end = Arrays.copyOf(prefix, prefix.length + EventKeys.SUFFIX);
      Arrays.fill(end, prefix.length, end.length, (byte) 0xFF);
      List<Event> out = new ArrayList<>(Math.min(n, 1024));
      try (RocksIterator it = db.newIterator()) {
        it.seekForPrev(end);
        for (; out.size() < n && it.isValid() && EventKeys.startsWith(it.key(), prefix); it.prev()) {
          byte[] key = it.key();
          add(out, EventCodec.decode(user, key, it.value()), user);
        }
      }
      Collections.reverse(out);
      return out;
    });
  }

  /**
   * Up to {@code limit} events of {@code user}, oldest first, after {@code cursor} (a previous page's
   * {@link HistoryPage#nextCursor()}, or null for the first page).
   */
  public HistoryPage page(String user, int limit, String cursor) { return reading(() -> read(user, limit, cursor)); }

  private HistoryPage read(String user, int limit, String cursor) {
    if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
    byte[] prefix = EventKeys.prefix(user);
    byte[] after = cursor == null ? null : EventKeys.keyAt(user, cursor);
    List<Event> out = new ArrayList<>(Math.min(limit, 1024));
    try (RocksIterator it = db.newIterator()) {
      it.seek(after == null ? prefix : after);
      if (after != null && it.isValid() && Arrays.equals(it.key(), after)) it.next();
      byte[] last = null;
      for (; it.isValid() && EventKeys.startsWith(it.key(), prefix); it.next()) {
        if (out.size() == limit) return new HistoryPage(out, EventKeys.cursor(last));
        last = it.key();
        add(out, EventCodec.decode(user, last, it.value()), user);
      }
    }
    return new HistoryPage(out, null);
  }

  /**
   * Adds a decoded event; an event whose ids break the id rule (stored by a build that did not check
   * them) is skipped, counted ({@link #invalidEventsSkipped}) and logged once per store.
   */
  private void add(List<Event> out, Event e, String user) {
    if (e != null) {
      out.add(e);
      return;
    }
    if (invalidSkipped.getAndIncrement() == 0) {
      org.slf4j.LoggerFactory.getLogger(EventStore.class).warn("event store {}: skipping stored events whose ids break the id rule"
          + " (first seen for user {}; written by an earlier build); counted in r2led_store_invalid_events_skipped_total", dir,
          org.r2led.data.Ids.quoted(user));
    }
  }

  /** Stored events skipped on read because their ids break the id rule (written by an earlier build). */
  public long invalidEventsSkipped() { return invalidSkipped.get(); }

  /**
   * Calls {@code action} with every impression whose time is in {@code [from, to)} Unix seconds, in time
   * order (ties in arrival order), while the store stays open; returns how many there were.
   */
  public long forEachImpression(long from, long to, java.util.function.Consumer<Impression> action) {
    return reading(() -> {
      long n = 0;
      try (RocksIterator it = db.newIterator()) {
        for (it.seek(EventKeys.impressionsFrom(Math.max(0, from))); it.isValid() && it.key()[0] == 'i'; it.next()) {
          byte[] key = it.key();
          if (EventKeys.ts(key) >= to) break;
          action.accept(ImpressionCodec.decode(key, it.value()));
          n++;
        }
      }
      return n;
    });
  }

  /** The impressions of {@code user} whose time is in {@code [from, to)} Unix seconds, oldest first. */
  public List<Impression> impressions(String user, long from, long to) {
    return reading(() -> {
      byte[] prefix = EventKeys.userImpressionPrefix(user);
      List<Impression> out = new ArrayList<>();
      try (RocksIterator it = db.newIterator()) {
        for (it.seek(EventKeys.userImpressionKey(user, Math.max(0, from), 0)); it.isValid() && EventKeys.startsWith(it.key(), prefix); it.next()) {
          byte[] key = it.key();
          if (EventKeys.ts(key) >= to) break;
          byte[] ik = EventKeys.impressionKeyOf(key);
          byte[] value = db.get(ik);
          if (value == null) throw new IllegalStateException("event store " + dir + ": the index of user " + org.r2led.data.Ids.quoted(user)
              + " names an impression at " + EventKeys.ts(key) + " that is not stored");
          out.add(ImpressionCodec.decode(ik, value));
        }
      } catch (RocksDBException e) {
        throw new IllegalStateException("event store read failed: " + e.getMessage(), e);
      }
      return out;
    });
  }

  /**
   * The events of {@code user} strictly before {@code ts}, oldest first: the history a request at
   * {@code ts} sees (an event at {@code ts} itself or later is not in it).
   */
  public List<Event> historyBefore(String user, long ts) {
    return reading(() -> {
      byte[] prefix = EventKeys.prefix(user);
      byte[] end = EventKeys.eventKey(user, ts, 0);
      List<Event> out = new ArrayList<>();
      try (RocksIterator it = db.newIterator()) {
        for (it.seek(prefix); it.isValid() && Arrays.compareUnsigned(it.key(), end) < 0 && EventKeys.startsWith(it.key(), prefix); it.next()) {
          byte[] key = it.key();
          add(out, EventCodec.decode(user, key, it.value()), user);
        }
      }
      return out;
    });
  }

  /** True when no user has an event. */
  public boolean isEmpty() {
    return reading(() -> {
      try (RocksIterator it = db.newIterator()) {
        it.seek(new byte[] {'e'});
        return !it.isValid() || it.key()[0] != 'e';
      }
    });
  }

  /** RocksDB's estimate of the number of keys (events + one count per user + metadata). */
  public long estimatedKeys() { return longProperty("rocksdb.estimate-num-keys"); }

  /** Estimated bytes: SST files plus memtables. */
  public long estimatedBytes() {
    return longProperty("rocksdb.total-sst-files-size") + longProperty("rocksdb.cur-size-all-mem-tables");
  }

  private long longProperty(String name) {
    try {
      return reading(() -> {
        try {
          return db.getLongProperty(name);
        } catch (RocksDBException e) {
          return -1L;
        }
      });
    } catch (StoreUnavailableException e) {
      return -1L;
    }
  }

  /** Flushes memtables to SST files and syncs the write-ahead log (after unsynced bulk appends). */
  public void flush() {
    reading(() -> {
      flushNow();
      return null;
    });
  }

  private void flushNow() {
    try (FlushOptions f = new FlushOptions().setWaitForFlush(true)) {
      db.flush(f);
      db.syncWal();
    } catch (RocksDBException e) {
      throw new IllegalStateException("event store flush failed: " + e.getMessage(), e);
    }
  }

  private static byte[] longBytes(long v) { return ByteBuffer.allocate(8).putLong(v).array(); }

  /** Runs {@code call} while the store is open (many at once; {@link #close} waits for them). */
  private <T> T reading(Supplier<T> call) {
    open.readLock().lock();
    try {
      if (closed) throw new IllegalStateException("event store " + dir + " is closed");
      if (db == null) throw unavailable(); // a reopen after a write failure did not succeed yet
      return call.get();
    } finally {
      open.readLock().unlock();
    }
  }

  /** Closes the store after running calls finish; idempotent. */
  @Override
  public void close() {
    open.writeLock().lock();
    try {
      if (closed) return;
      closed = true;
      if (db != null) db.close();
      options.close();
      synced.close();
      unsynced.close();
      deleteTree(secondaryDir);
    } finally {
      open.writeLock().unlock();
    }
  }
}
