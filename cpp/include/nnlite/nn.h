// nnlite::nn: layers, containers and losses with the names, parameter names,
// defaults, initialisations and error messages of nnlite.nn in Python.
//
//   nnlite::manual_seed(0);
//   nn::Sequential model{nn::Flatten(), nn::Linear(784, 256), nn::ReLU(), nn::Linear(256, 10)};
//   nn::CrossEntropyLoss loss_fn;
//   Tensor loss = loss_fn(model(x), y);
//   loss.backward();
#pragma once
#include "nnlite/nn/activation.h"
#include "nnlite/nn/container.h"
#include "nnlite/nn/conv.h"
#include "nnlite/nn/dropout.h"
#include "nnlite/nn/embedding.h"
#include "nnlite/nn/flatten.h"
#include "nnlite/nn/init.h"
#include "nnlite/nn/linear.h"
#include "nnlite/nn/loss.h"
#include "nnlite/nn/module.h"
#include "nnlite/nn/normalization.h"
#include "nnlite/nn/pooling.h"
#include "nnlite/nn/rnn.h"
#include "nnlite/nn/rnn_layers.h"
#include "nnlite/nn/size2.h"
