// Reading binary PGM (P5, grey) and PPM (P6, RGB) images with 8-bit samples.
#pragma once
#include <string>

#include <nnlite/tensor.h>

// The image as uint8 [C, H, W] (C = 1 for P5, 3 for P6). Throws
// std::runtime_error naming the file on anything malformed: another magic,
// a missing or non-positive size, maxval other than 255, too few or too many
// pixel bytes.
nnlite::Tensor read_pnm(const std::string& path);
