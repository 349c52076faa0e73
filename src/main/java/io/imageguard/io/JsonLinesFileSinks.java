package io.imageguard.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageguard.pipeline.OutputRecord;
import io.imageguard.pipeline.OutputSinks;
import io.imageguard.records.Json;
import io.imageguard.records.OutputTopic;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * One JSON-lines file per output topic, {@code <dir>/<topic>.jsonl}, for bounded replays. Each file
 * has one writer; {@link #sortFiles} then orders every file by (event time, id) so that two replays
 * of the same history give byte-identical files whatever the interleaving of subtasks.
 */
public final class JsonLinesFileSinks implements OutputSinks {
    private final Path dir;

    public JsonLinesFileSinks(Path dir) {
        this.dir = dir;
    }

    /** Creates {@code dir} and an empty file for every output topic. */
    public void createEmptyFiles() throws IOException {
        Files.createDirectories(dir);
        for (OutputTopic topic : OutputTopic.values()) {
            Files.write(file(dir, topic), new byte[0]);
        }
    }

    @Override
    public void write(OutputTopic topic, DataStream<OutputRecord> records) {
        records.sinkTo(new FileSink(file(dir, topic).toString()))
                .setParallelism(1)
                .uid("sink-" + topic.logicalName())
                .name("file: " + topic.logicalName() + ".jsonl");
    }

    /** Sorts every output file by (event time, id); records without event time come first. */
    public void sortFiles() throws IOException {
        Comparator<SortableLine> order =
                Comparator.comparing(
                                SortableLine::time,
                                Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(SortableLine::id)
                        .thenComparing(SortableLine::line);
        for (OutputTopic topic : OutputTopic.values()) {
            Path f = file(dir, topic);
            List<SortableLine> lines = new ArrayList<>();
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                lines.add(SortableLine.of(line));
            }
            lines.sort(order);
            List<String> sorted = new ArrayList<>(lines.size());
            lines.forEach(l -> sorted.add(l.line()));
            Files.write(f, sorted, StandardCharsets.UTF_8);
        }
    }

    public static Path file(Path dir, OutputTopic topic) {
        return dir.resolve(topic.logicalName() + ".jsonl");
    }

    private record SortableLine(Instant time, String id, String line) {
        static SortableLine of(String line) {
            try {
                JsonNode node = Json.MAPPER.readTree(line);
                JsonNode t = node.get("eventTime");
                Instant time = t == null || t.isNull() ? null : Instant.parse(t.asText());
                return new SortableLine(time, node.path("id").asText(), line);
            } catch (IOException e) {
                throw new UncheckedIOException("output line is not JSON: " + line, e);
            }
        }
    }

    private static final class FileSink implements Sink<OutputRecord> {
        private final String path;

        FileSink(String path) {
            this.path = path;
        }

        @Override
        public SinkWriter<OutputRecord> createWriter(WriterInitContext context) throws IOException {
            BufferedWriter out =
                    Files.newBufferedWriter(
                            Paths.get(path),
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
            return new SinkWriter<>() {
                @Override
                public void write(OutputRecord element, Context ctx) throws IOException {
                    out.write(element.json());
                    out.newLine();
                }

                @Override
                public void flush(boolean endOfInput) throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }
            };
        }
    }
}
