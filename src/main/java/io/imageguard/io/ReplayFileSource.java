package io.imageguard.io;

import io.imageguard.config.ImageguardConfig;
import io.imageguard.pipeline.InputSource;
import io.imageguard.pipeline.InputTypes;
import io.imageguard.pipeline.InputWatermarks;
import io.imageguard.records.EventParser;
import io.imageguard.records.InputRecord;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * A bounded JSON-lines file of mixed events, each line's {@code type} telling its topic: how
 * history is back-tested and acceptance suites drive the job. Blank lines are skipped.
 */
public final class ReplayFileSource implements InputSource {
    private final Path file;
    private final ImageguardConfig cfg;

    public ReplayFileSource(Path file, ImageguardConfig cfg) {
        this.file = file;
        this.cfg = cfg;
    }

    @Override
    public DataStream<InputRecord> open(StreamExecutionEnvironment env) {
        FileSource<String> source =
                FileSource.forRecordStreamFormat(
                                new TextLineInputFormat(),
                                new org.apache.flink.core.fs.Path(file.toUri()))
                        .build();
        return env.fromSource(
                        source, WatermarkStrategy.noWatermarks(), "replay: " + file.getFileName())
                .uid("source-replay")
                // one reader keeps the file's order up to the watermark generator
                .setParallelism(1)
                .flatMap(new ParseLine(cfg.input().maxRecordBytes(), cfg.policyVersion()))
                .returns(InputTypes.INPUT)
                .setParallelism(1)
                .name("parse events")
                .assignTimestampsAndWatermarks(InputWatermarks.strategy(cfg.eventTime()))
                .setParallelism(1)
                .name("event time");
    }

    private static final class ParseLine implements FlatMapFunction<String, InputRecord> {
        private final EventParser parser;

        ParseLine(int maxRecordBytes, String policyVersion) {
            this.parser = new EventParser(maxRecordBytes, policyVersion);
        }

        @Override
        public void flatMap(String line, Collector<InputRecord> out) {
            if (!line.isBlank()) {
                out.collect(parser.parse(line, null));
            }
        }
    }
}
