package io.github.simdconv.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.simdconv.spec.ConvSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * AUTO's pick for every canonical benchmark shape, as docs/algorithm-choice.md tabulates it from
 * the committed benchmark run. A change to the rule that moves a shape to another algorithm fails
 * here, so the table and the measurements behind it get revisited in the same change.
 */
class AutoChoiceTest {

    @ParameterizedTest(name = "{0} -> {12}")
    @CsvSource({
        // name,                 N, C,   K,   H,   W,   R, S, stride, pad, dil, groups, expected
        "lenet_c1_5x5_28,        1, 1,   20,  28,  28,  5, 5, 1, 0, 1, 1,  im2col",
        "lenet_c2_5x5_12,        1, 20,  50,  12,  12,  5, 5, 1, 0, 1, 1,  direct",
        "resnet_conv1_7x7_224,   1, 3,   64,  224, 224, 7, 7, 2, 3, 1, 1,  direct",
        "resnet_3x3_56,          1, 64,  64,  56,  56,  3, 3, 1, 1, 1, 1,  winograd4",
        "resnet_3x3_28,          1, 128, 128, 28,  28,  3, 3, 1, 1, 1, 1,  winograd4",
        "resnet_3x3_14,          1, 256, 256, 14,  14,  3, 3, 1, 1, 1, 1,  winograd4",
        "resnet_3x3_7,           1, 512, 512, 7,   7,   3, 3, 1, 1, 1, 1,  direct",
        "resnet_1x1_56,          1, 256, 64,  56,  56,  1, 1, 1, 0, 1, 1,  im2col",
        "resnet_3x3_28_b8,       8, 128, 128, 28,  28,  3, 3, 1, 1, 1, 1,  winograd4",
        "vgg_3x3_224,            1, 64,  64,  224, 224, 3, 3, 1, 1, 1, 1,  winograd4",
        "mobilenet_dw_3x3_112,   1, 32,  32,  112, 112, 3, 3, 1, 1, 1, 32, depthwise",
        "dilated_3x3_d2_64,      1, 64,  64,  64,  64,  3, 3, 1, 2, 2, 1,  direct",
    })
    void canonicalShapes(String name, int n, int c, int k, int h, int w, int r, int s, int stride, int pad,
                         int dilation, int groups, String expected) {
        ConvSpec spec = ConvSpec.builder().batch(n).inChannels(c).outChannels(k).input(h, w).kernel(r, s)
                .stride(stride).padding(pad).dilation(dilation).groups(groups).build();
        assertEquals(expected, AutoChoice.choose(spec).name(), name);
    }
}
