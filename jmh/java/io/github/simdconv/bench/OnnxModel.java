package io.github.simdconv.bench;

import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;
import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Single-node ONNX models built in code, so ONNX Runtime runs exactly the geometry of a
 * {@link ConvSpec} or {@link PoolSpec}: ONNX Runtime's Java API loads models but cannot build
 * them, and a checked-in .onnx file per shape would drift from the CSV.
 *
 * <p>The bytes are a {@code ModelProto} (onnx/onnx.proto, IR version 8, default-domain opset
 * 17) written with {@link ProtoWriter}: one graph with input {@code X} (NCHW float), output
 * {@code Y}, the weights {@code W} and bias {@code B} as raw little-endian float initializers,
 * and one {@code Conv}, {@code MaxPool}, {@code AveragePool}, {@code GlobalAveragePool} or
 * {@code GlobalMaxPool} node (plus a {@code Relu} when the spec fuses one).
 */
public final class OnnxModel {
    private OnnxModel() {}

    /** Input tensor name. */
    public static final String INPUT = "X";
    /** Output tensor name. */
    public static final String OUTPUT = "Y";

    static final int IR_VERSION = 8;
    static final int OPSET = 17;

    // onnx.proto field numbers
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER_NAME = 2;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    private static final int OPSET_DOMAIN = 1;
    private static final int OPSET_VERSION = 2;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTR_NAME = 1;
    private static final int ATTR_I = 3;
    private static final int ATTR_INTS = 8;
    private static final int ATTR_TYPE = 20;
    private static final int ATTR_TYPE_INT = 2;
    private static final int ATTR_TYPE_INTS = 7;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int DATA_TYPE_FLOAT = 1;
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR_TYPE = 1;
    private static final int TENSOR_TYPE_ELEM_TYPE = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;

    /**
     * A {@code Conv} model ({@code Y = Conv(X, W, B)}, then {@code Relu} if the spec fuses one).
     *
     * @param spec the geometry
     * @param weights OIHW weights, {@code spec.weightSize()} floats
     * @param bias {@code spec.outChannels()} floats, or null when the spec has no bias
     * @return the serialized ModelProto
     */
    public static byte[] conv(ConvSpec spec, float[] weights, float[] bias) {
        if (weights.length != spec.weightSize()) {
            throw new IllegalArgumentException("weights.length = " + weights.length + ": must be spec.weightSize() = "
                    + spec.weightSize());
        }
        if (spec.hasBias() && (bias == null || bias.length != spec.outChannels())) {
            throw new IllegalArgumentException("bias: must hold spec.outChannels() = " + spec.outChannels() + " floats");
        }
        boolean relu = spec.activation() == Activation.RELU;
        ProtoWriter graph = new ProtoWriter();
        ProtoWriter node = node("Conv", relu ? "conv_out" : OUTPUT, INPUT, "W");
        if (spec.hasBias()) {
            node.string(NODE_INPUT, "B");
        }
        ints(node, "kernel_shape", spec.kernelH(), spec.kernelW());
        ints(node, "strides", spec.strideH(), spec.strideW());
        // ONNX pads: all begins, then all ends
        ints(node, "pads", spec.padTop(), spec.padLeft(), spec.padBottom(), spec.padRight());
        ints(node, "dilations", spec.dilationH(), spec.dilationW());
        integer(node, "group", spec.groups());
        graph.message(GRAPH_NODE, node);
        if (relu) {
            graph.message(GRAPH_NODE, node("Relu", OUTPUT, "conv_out"));
        }
        graph.string(GRAPH_NAME, "conv");
        graph.message(GRAPH_INITIALIZER, tensor("W", weights, spec.outChannels(), spec.inChannelsPerGroup(),
                spec.kernelH(), spec.kernelW()));
        if (spec.hasBias()) {
            graph.message(GRAPH_INITIALIZER, tensor("B", bias, spec.outChannels()));
        }
        graph.message(GRAPH_INPUT, valueInfo(INPUT, spec.batch(), spec.inChannels(), spec.inHeight(), spec.inWidth()));
        graph.message(GRAPH_OUTPUT, valueInfo(OUTPUT, spec.batch(), spec.outChannels(), spec.outHeight(),
                spec.outWidth()));
        return model(graph);
    }

    /**
     * A pooling model: {@code GlobalAveragePool}/{@code GlobalMaxPool} when the spec is global
     * (one window over the whole image), else {@code MaxPool} or {@code AveragePool}.
     *
     * @param spec the geometry
     * @return the serialized ModelProto
     */
    public static byte[] pool(PoolSpec spec) {
        ProtoWriter graph = new ProtoWriter();
        ProtoWriter node;
        if (spec.isGlobal() && spec.strideH() == 1 && spec.strideW() == 1 && !spec.ceilMode()) {
            node = node(spec.kind() == PoolKind.MAX ? "GlobalMaxPool" : "GlobalAveragePool", OUTPUT, INPUT);
        } else {
            node = node(spec.kind() == PoolKind.MAX ? "MaxPool" : "AveragePool", OUTPUT, INPUT);
            ints(node, "kernel_shape", spec.kernelH(), spec.kernelW());
            ints(node, "strides", spec.strideH(), spec.strideW());
            ints(node, "pads", spec.padTop(), spec.padLeft(), spec.padBottom(), spec.padRight());
            integer(node, "ceil_mode", spec.ceilMode() ? 1 : 0);
            if (spec.kind() == PoolKind.MAX) {
                ints(node, "dilations", spec.dilationH(), spec.dilationW());
            } else {
                integer(node, "count_include_pad", spec.countIncludePad() ? 1 : 0);
            }
        }
        graph.message(GRAPH_NODE, node);
        graph.string(GRAPH_NAME, "pool");
        graph.message(GRAPH_INPUT, valueInfo(INPUT, spec.batch(), spec.channels(), spec.inHeight(), spec.inWidth()));
        graph.message(GRAPH_OUTPUT, valueInfo(OUTPUT, spec.batch(), spec.channels(), spec.outHeight(), spec.outWidth()));
        return model(graph);
    }

    private static byte[] model(ProtoWriter graph) {
        ProtoWriter opset = new ProtoWriter().string(OPSET_DOMAIN, "").int64(OPSET_VERSION, OPSET);
        return new ProtoWriter()
                .int64(MODEL_IR_VERSION, IR_VERSION)
                .string(MODEL_PRODUCER_NAME, "simdconv")
                .message(MODEL_GRAPH, graph)
                .message(MODEL_OPSET_IMPORT, opset)
                .toByteArray();
    }

    private static ProtoWriter node(String opType, String output, String... inputs) {
        ProtoWriter n = new ProtoWriter();
        for (String in : inputs) {
            n.string(NODE_INPUT, in);
        }
        n.string(NODE_OUTPUT, output);
        n.string(NODE_NAME, opType.toLowerCase(java.util.Locale.ROOT));
        n.string(NODE_OP_TYPE, opType);
        return n;
    }

    private static void ints(ProtoWriter node, String name, long... values) {
        node.message(NODE_ATTRIBUTE, new ProtoWriter().string(ATTR_NAME, name).repeatedInt64(ATTR_INTS, values)
                .int64(ATTR_TYPE, ATTR_TYPE_INTS));
    }

    private static void integer(ProtoWriter node, String name, long value) {
        node.message(NODE_ATTRIBUTE, new ProtoWriter().string(ATTR_NAME, name).int64(ATTR_I, value)
                .int64(ATTR_TYPE, ATTR_TYPE_INT));
    }

    private static ProtoWriter tensor(String name, float[] data, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        return new ProtoWriter().repeatedInt64(TENSOR_DIMS, dims).int64(TENSOR_DATA_TYPE, DATA_TYPE_FLOAT)
                .string(TENSOR_NAME, name).bytes(TENSOR_RAW_DATA, raw.array());
    }

    private static ProtoWriter valueInfo(String name, long... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (long d : dims) {
            shape.message(SHAPE_DIM, new ProtoWriter().int64(DIM_VALUE, d));
        }
        ProtoWriter tensorType = new ProtoWriter().int64(TENSOR_TYPE_ELEM_TYPE, DATA_TYPE_FLOAT)
                .message(TENSOR_TYPE_SHAPE, shape);
        return new ProtoWriter().string(VALUE_INFO_NAME, name)
                .message(VALUE_INFO_TYPE, new ProtoWriter().message(TYPE_TENSOR_TYPE, tensorType));
    }
}
