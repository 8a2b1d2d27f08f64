package io.pluginio.plugin;

/**
 * Something a {@link SimpleApi} route asks plugin-io to do once it returns: answer the request
 * (a {@link Response}) or a side effect ({@link Broadcast}).
 *
 * <p>A route returns a {@code List<Effect>}, a single {@code Effect}, a {@code Mono<List<Effect>>}
 * or a {@code Flux<Effect>}; at most 1000 effects (more is a 500 with nothing carried out). The
 * rules, checked in this order:
 *
 * <ul>
 *   <li>two or more responses: 500, nothing carried out;
 *   <li>a 4xx or 5xx response: that response alone, the other effects are dropped;
 *   <li>one response plus side effects: the side effects are carried out, then the response sent;
 *   <li>no response: 204 No Content, side effects still carried out;
 *   <li>the route throws: 500, nothing carried out.
 * </ul>
 *
 * Side effects are carried out in list order before the response is written, so a client that got
 * the response knows the broker accepted every broadcast. If the broker refuses one, the client gets
 * 503 instead of the response (broadcasts before it in the list have been sent).
 */
public sealed interface Effect permits Broadcast, Response {}
