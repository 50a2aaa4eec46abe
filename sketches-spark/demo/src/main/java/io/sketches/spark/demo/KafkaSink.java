package io.sketches.spark.demo;

import java.io.IOException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces each event as one JSON message, keyed by user id, and flushes per batch. */
public final class KafkaSink implements EventSink {
  private final KafkaProducer<String, String> producer;
  private final String bootstrapServers;
  private final String topic;

  private KafkaSink(KafkaProducer<String, String> producer, String bootstrapServers, String topic) {
    this.producer = producer;
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  public static KafkaSink to(String bootstrapServers, String topic) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaSink(new KafkaProducer<>(config), bootstrapServers, topic);
  }

  @Override
  public void write(List<ClickEvent> events) throws IOException {
    var sent =
        events.stream()
            .map(
                e ->
                    producer.send(
                        new ProducerRecord<>(topic, Long.toString(e.userId()), e.toJson())))
            .toList();
    producer.flush();
    try {
      for (var future : sent) {
        future.get();
      }
    } catch (ExecutionException e) {
      throw new IOException("Kafka refused an event for topic " + topic, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while producing to " + topic, e);
    }
  }

  @Override
  public String describe() {
    return "Kafka topic " + topic + " at " + bootstrapServers;
  }

  @Override
  public void close() {
    producer.close();
  }
}
