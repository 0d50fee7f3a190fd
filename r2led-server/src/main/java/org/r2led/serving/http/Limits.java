package org.r2led.serving.http;

/** Request limits of the service (documented in docs/serving.md). */
public record Limits(int maxBodyBytes, int maxEvents, int maxCandidates, int maxPage) {
  /** 2 MiB bodies, 10,000 events per append, 1,000 candidates per score request, 1,000 events per history page. */
  public static final Limits DEFAULT = new Limits(2 << 20, 10_000, 1_000, 1_000);
}
