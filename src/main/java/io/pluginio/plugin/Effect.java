package io.pluginio.plugin;

/**
 * Something a {@link SimpleApi} route asks plugin-io to do once it returns: answer the request
 * (a {@link Response}) or a side effect ({@link Broadcast}).
 *
 * <p>A route returns a {@code List<Effect>} (or a {@code Mono} of one). The rules:
 *
 * <ul>
 *   <li>one response plus side effects: the response is sent and the side effects carried out;
 *   <li>no response: 204 No Content, side effects still carried out;
 *   <li>two or more responses: 500, nothing carried out;
 *   <li>a 4xx or 5xx response: that response alone, the other effects are dropped;
 *   <li>the route throws: 500, nothing carried out.
 * </ul>
 *
 * Side effects are carried out before the response is written; if the broker refuses a broadcast
 * the client gets 503 instead of the response.
 */
public sealed interface Effect permits Broadcast, Response {}
