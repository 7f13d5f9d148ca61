package io.github.simdconv.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * One ONNX Runtime session over a single-node model with one float input and one float output,
 * set up the way the benchmark compares it: CPU execution provider, {@code intra_op} threads =
 * the thread count under test, {@code inter_op} 1 (a single node has nothing to run in parallel),
 * all graph optimizations on ({@code ORT_ENABLE_ALL}, which lets ONNX Runtime re-layout a Conv to
 * its blocked NCHWc kernels; the re-layout is then part of its time, as ours is of ours).
 *
 * <p>Input and output live in direct buffers wrapped once as tensors; the output is pinned
 * ({@code run(inputs, pinnedOutputs)}), so a {@link #run()} copies nothing across JNI.
 */
public final class OrtRunner implements AutoCloseable {
    private final OrtSession session;
    private final OnnxTensor input;
    private final OnnxTensor output;
    private final FloatBuffer inputBuffer;
    private final FloatBuffer outputBuffer;
    private final Map<String, OnnxTensor> inputs;
    private final Map<String, OnnxTensor> outputs;

    /**
     * @param model serialized ModelProto with input {@link OnnxModel#INPUT} and output {@link OnnxModel#OUTPUT}
     * @param inShape the input's dimensions
     * @param outShape the output's dimensions
     * @param threads intra-op threads
     * @throws OrtException if ONNX Runtime rejects the model
     */
    public OrtRunner(byte[] model, long[] inShape, long[] outShape, int threads) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            session = env.createSession(model, options);
        }
        inputBuffer = direct(count(inShape));
        outputBuffer = direct(count(outShape));
        input = OnnxTensor.createTensor(env, inputBuffer, inShape);
        output = OnnxTensor.createTensor(env, outputBuffer, outShape);
        inputs = Map.of(OnnxModel.INPUT, input);
        outputs = Map.of(OnnxModel.OUTPUT, output);
    }

    private static int count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * Copies the input into the tensor's buffer (once, in setup).
     *
     * @param data the input values
     */
    public void setInput(float[] data) {
        inputBuffer.clear();
        inputBuffer.put(data);
        inputBuffer.clear();
    }

    /**
     * One inference into the pinned output.
     *
     * @throws OrtException if ONNX Runtime fails
     */
    public void run() throws OrtException {
        // the result holds no value of its own (the output is pinned), closing it frees only the wrapper
        session.run(inputs, outputs).close();
    }

    /** @return a copy of the last output */
    public float[] output() {
        float[] out = new float[outputBuffer.capacity()];
        outputBuffer.get(0, out);
        return out;
    }

    @Override
    public void close() throws OrtException {
        input.close();
        output.close();
        session.close();
    }
}
