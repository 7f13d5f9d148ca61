package io.github.simdconv.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protocol-buffers encoder (the binary wire format): just the field kinds the ONNX
 * messages in {@link OnnxModel} need. Every method appends one field; nested messages are
 * written into their own writer and embedded with {@link #message}.
 *
 * <p>Wire format (protobuf.dev/programming-guides/encoding): each field is a varint key
 * {@code field << 3 | wireType}, then a varint (type 0), a little-endian 32-bit value (type 5),
 * or a varint length and that many bytes (type 2: strings, bytes, messages, packed repeated).
 */
final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int LEN = 2;
    private static final int I32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** @return the encoded bytes so far */
    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void key(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long v) {
        // 7 bits per byte, low group first, high bit set on all but the last byte;
        // negative int64 values take the full 10 bytes (two's complement, no zigzag)
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /**
     * @param field field number
     * @param v an int32, int64 or enum value
     * @return this
     */
    ProtoWriter int64(int field, long v) {
        key(field, VARINT);
        rawVarint(v);
        return this;
    }

    /**
     * @param field field number
     * @param v a float value
     * @return this
     */
    ProtoWriter float32(int field, float v) {
        key(field, I32);
        int bits = Float.floatToRawIntBits(v);
        for (int i = 0; i < 4; i++) {
            out.write((bits >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    /**
     * @param field field number
     * @param bytes raw bytes
     * @return this
     */
    ProtoWriter bytes(int field, byte[] bytes) {
        key(field, LEN);
        rawVarint(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    /**
     * @param field field number
     * @param s a string, UTF-8 encoded
     * @return this
     */
    ProtoWriter string(int field, String s) {
        return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param field field number
     * @param m an encoded nested message
     * @return this
     */
    ProtoWriter message(int field, ProtoWriter m) {
        return bytes(field, m.toByteArray());
    }

    /**
     * A repeated int64 field, one key per value: onnx.proto is proto2, where repeated scalars
     * are unpacked unless declared otherwise (parsers accept both forms).
     *
     * @param field field number
     * @param values the values
     * @return this
     */
    ProtoWriter repeatedInt64(int field, long... values) {
        for (long v : values) {
            int64(field, v);
        }
        return this;
    }
}
