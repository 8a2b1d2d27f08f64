package io.pluginio.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

class SubscriberTests {

    private final LongAdder delivered = new LongAdder();
    private final Subscriber subscriber = new Subscriber(0, 2, new Recorder(3), delivered);

    @Test
    void serviceFrameWithPositionKeysCountsAsDelivery() {
        subscriber.onText(frame("{\"message\": {\"p\":1,\"s\":0,\"t\":" + System.nanoTime() + "}, \"offset\": 7, \"epoch\": \"e\"}"));

        assertEquals(1, delivered.sum());
        assertEquals(true, subscriber.seen[1].get(0));
    }

    @Test
    void secondCopyOfASequenceNumberCountsAsDuplicateNotDelivery() {
        String body = "{\"message\": {\"p\":0,\"s\":3,\"t\":" + System.nanoTime() + "}}";
        subscriber.onText(frame(body));
        subscriber.onText(frame(body));

        assertEquals(1, delivered.sum());
        assertEquals(1, subscriber.duplicates);
    }

    @Test
    void lowerSequenceNumberAfterHigherOneCountsAsReordered() {
        subscriber.onText(frame("{\"message\": {\"p\":0,\"s\":5,\"t\":1}}"));
        subscriber.onText(frame("{\"message\": {\"p\":0,\"s\":4,\"t\":1}}"));
        subscriber.onText(frame("{\"message\": {\"p\":1,\"s\":0,\"t\":1}}"));

        assertEquals(1, subscriber.reordered);
        assertEquals(3, delivered.sum());
    }

    @Test
    void positionFrameIsNotCountedAsDelivery() {
        subscriber.onText(frame("{\"recovered\": true, \"offset\": 3, \"epoch\": \"e\"}"));

        assertEquals(0, delivered.sum());
        assertEquals(1, subscriber.unparsed);
    }

    @Test
    void fieldSkipsSpacesAfterTheColon() {
        assertEquals(42, Subscriber.field(frame("{\"s\": 42}"), new byte[] {'"', 's', '"', ':'}));
    }

    private static ByteBuf frame(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
