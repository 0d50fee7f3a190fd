package org.r2led.serving.store;

/**
 * The event store cannot serve the call now (its writes failed, e.g. on a full disk, and it has not
 * recovered yet); retrying later may succeed. The service answers it with 503 and {@code Retry-After}.
 */
public final class StoreUnavailableException extends IllegalStateException {
  public StoreUnavailableException(String message) {
    super(message);
  }
}
