// Runs one scenario of the C++ API (nn modules, optimizers, errors, IDX
// reading, export) and prints its results as JSON lines, which tests/test_cpp_api.py
// compares with the same scenario run through the Python API:
//   {"key": "...", "shape": [..], "values": [..]}    a tensor
//   {"key": "...", "text": "..."}                    a string (names, repr)
//   {"key": "...", "error": "...", "kind": "Value"}  an nnlite::Error
#include <cstdio>
#include <functional>
#include <iostream>
#include <string>

#include <nnlite/nnlite.h>

using namespace nnlite;

namespace {

std::string json_str(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

void emit_tensor(const std::string& key, const Tensor& t) {
  Tensor c = t.detach().to(DType::Float64).contiguous();
  std::string line = "{\"key\": " + json_str(key) + ", \"shape\": [";
  for (int64_t d = 0; d < c.dim(); ++d) line += (d ? ", " : "") + std::to_string(c.size(d));
  line += "], \"values\": [";
  const double* v = c.data<double>();
  char buf[40];
  for (int64_t i = 0; i < c.numel(); ++i) {
    std::snprintf(buf, sizeof buf, "%s%.17g", i ? ", " : "", v[i]);
    line += buf;
  }
  std::cout << line << "]}\n";
}

void emit_text(const std::string& key, const std::string& text) {
  std::cout << "{\"key\": " << json_str(key) << ", \"text\": " << json_str(text) << "}\n";
}

const char* kind_name(ErrorKind k) {
  switch (k) {
    case ErrorKind::Value: return "Value";
    case ErrorKind::Type: return "Type";
    case ErrorKind::Index: return "Index";
    case ErrorKind::Runtime: return "Runtime";
    case ErrorKind::NotImplemented: return "NotImplemented";
    case ErrorKind::FileNotFound: return "FileNotFound";
  }
  return "?";
}

void expect_error(const std::string& key, const std::function<void()>& fn) {
  try {
    fn();
    emit_text(key, "no error");
  } catch (const Error& e) {
    std::cout << "{\"key\": " << json_str(key) << ", \"error\": " << json_str(e.what()) << ", \"kind\": \""
              << kind_name(e.kind()) << "\"}\n";
  }
}

void emit_params(const std::string& prefix, const nn::Module& m) {
  std::string names;
  for (auto& [name, p] : m.named_parameters()) {
    names += (names.empty() ? "" : " ") + name;
    emit_tensor(prefix + name, p);
  }
  emit_text(prefix + "names", names);
}

void emit_grads(const std::string& prefix, const nn::Module& m) {
  for (auto& [name, p] : m.named_parameters()) emit_tensor(prefix + name, p.grad());
}

Tensor int_targets(const std::vector<int64_t>& v) {
  Tensor t = empty({static_cast<int64_t>(v.size())}, DType::Int64);
  for (size_t i = 0; i < v.size(); ++i) t.data<int64_t>()[i] = v[i];
  return t;
}

// A user-defined module, as a C++ application writes one.
struct Net : nn::Module {
  std::shared_ptr<nn::Linear> fc1, fc2;
  std::shared_ptr<nn::BatchNorm1d> bn;
  Tensor scale, cache;

  Net() : Module("Net") {
    fc1 = register_module("fc1", std::make_shared<nn::Linear>(3, 4));
    bn = register_module("bn", std::make_shared<nn::BatchNorm1d>(4, 1e-5, std::nullopt));  // cumulative average
    fc2 = register_module("fc2", std::make_shared<nn::Linear>(4, 2));
    scale = register_buffer("scale", full({2}, 2.0));
    cache = register_buffer("cache", zeros({2}), /*persistent=*/false);
  }
  Tensor forward(const Tensor& x) override { return fc2->forward(relu(bn->forward(fc1->forward(x)))) * scale; }
};

std::string joined(const std::vector<std::pair<std::string, Tensor>>& entries) {
  std::string s;
  for (const auto& e : entries) s += (s.empty() ? "" : " ") + e.first;
  return s;
}

// ---- scenarios -------------------------------------------------------------------

void custom() {
  manual_seed(7);
  Net net;
  Tensor x = randn({5, 3});
  emit_text("parameters", joined(net.named_parameters()));
  emit_text("buffers", joined(net.named_buffers()));
  std::string keys;
  for (auto& entry : net.state_dict()) keys += (keys.empty() ? "" : " ") + entry.first;
  emit_text("state_keys", keys);
  emit_text("repr", net.repr());
  net(x * 2.0);
  emit_tensor("train_out", net(x));
  net.eval();
  emit_tensor("eval_out", net(x));
  emit_tensor("running_var", net.bn->running_var);
  emit_text("submodule", net.get_submodule("fc2")->type_name());
  expect_error("submodule_missing", [&] { net.get_submodule("fc3"); });
  expect_error("loss_one_argument", [&] { nn::MSELoss().forward(net.fc1->weight); });  // loss(x) does not compile
  expect_error("sequential_at", [] { nn::Sequential{nn::ReLU()}.at<nn::Linear>(-1); });
}

void mlp() {
  manual_seed(1);
  nn::Sequential model{nn::Flatten(), nn::Linear(12, 8), nn::ReLU(), nn::Dropout(0.25), nn::Linear(8, 4), nn::Tanh()};
  Tensor x = randn({5, 3, 4});
  emit_params("param.", model);
  emit_text("repr", model.repr());
  model.eval();
  emit_tensor("eval_out", model(x));
  emit_text("training_after_eval", model.at<nn::Dropout>(3)->is_training() ? "True" : "False");
  model.train();
  Tensor out = model(x);  // dropout draws from the default generator
  emit_tensor("train_out", out);
  nn::CrossEntropyLoss loss_fn({Tensor(), -100, Reduction::Mean, 0.1});
  Tensor loss = loss_fn(out, int_targets({0, 1, 2, 3, 0}));
  emit_tensor("loss", loss);
  loss.backward();
  emit_grads("grad.", model);
  model.zero_grad();
  emit_text("grad_after_zero_grad", model.parameters()[0].grad().defined() ? "defined" : "None");
}

void cnn() {
  manual_seed(2);
  nn::Sequential model{nn::Conv2d(3, 4, 3, 1, 1), nn::BatchNorm2d(4), nn::ReLU(), nn::MaxPool2d(2),
                       nn::Conv2d(4, 6, 3, 1, "same", 1, 2, false, "reflect"), nn::AvgPool2d(2, 1),
                       nn::AdaptiveAvgPool2d(1), nn::Flatten(), nn::Linear(6, 3)};
  Tensor x = randn({2, 3, 8, 8});
  emit_text("repr", model.repr());
  Tensor out = model(x);
  out = model(x * 0.5);
  emit_tensor("train_out", out);
  nn::MSELoss mse;
  Tensor loss = mse(out, zeros({2, 3}));
  loss.backward();
  emit_grads("grad.", model);
  std::string keys;
  for (auto& [key, value] : model.state_dict()) {
    keys += (keys.empty() ? "" : " ") + key;
    emit_tensor("state." + key, value);
  }
  emit_text("state_keys", keys);
  model.eval();
  emit_tensor("eval_out", model(x));
}

void state_dict_roundtrip() {
  manual_seed(4);
  nn::Sequential a{nn::Linear(3, 5), nn::BatchNorm1d(5), nn::ReLU(), nn::Linear(5, 2)};
  manual_seed(5);
  nn::Sequential b{nn::Linear(3, 5), nn::BatchNorm1d(5), nn::ReLU(), nn::Linear(5, 2)};
  Tensor x = randn({4, 3});
  a(x);  // running statistics move
  a.eval();
  b.eval();
  nn::LoadResult r = b.load_state_dict(a.state_dict());
  emit_text("strict_missing", std::to_string(r.missing_keys.size()));
  emit_tensor("diff", amax(abs(a(x) - b(x))));
  auto partial = a.state_dict();
  partial.erase("3.bias");
  partial["extra"] = zeros({1});
  r = b.load_state_dict(partial, false);
  emit_text("missing", r.missing_keys.at(0));
  emit_text("unexpected", r.unexpected_keys.at(0));
  // A module registered under two names: listed once by parameters(), saved
  // under both names, and its own state dict loads back.
  auto shared = std::make_shared<nn::Linear>(2, 2);
  nn::Sequential tied{shared, nn::ReLU(), shared};
  std::string keys;
  for (auto& entry : tied.state_dict()) keys += (keys.empty() ? "" : " ") + entry.first;
  emit_text("tied_keys", keys);
  emit_text("tied_parameters", std::to_string(tied.parameters().size()));
  tied.load_state_dict(tied.state_dict());
  emit_text("tied_load", "ok");
}

void sgd() {
  manual_seed(3);
  nn::Linear model(4, 3);
  Tensor x = randn({6, 4}), y = randn({6, 3});
  optim::SGD opt(model.parameters(), {0.1, 0.9, 0, 0.01, true});
  nn::MSELoss mse;
  for (int i = 0; i < 3; ++i) {
    opt.zero_grad();
    mse(model(x), y).backward();
    opt.step();
  }
  emit_params("sgd.", model);
  emit_tensor("sgd.buffer", opt.momentum_buffer(model.weight));
  opt.set_lr(0.5);
  emit_text("sgd.lr", std::to_string(opt.lr()));
}

void adam() {
  manual_seed(6);
  nn::Linear m1(4, 3), m2(4, 3);
  Tensor x = randn({6, 4}), y = randn({6, 3});
  optim::Adam adam(m1.parameters(), {0.01, {0.8, 0.99}, 1e-8, 0.01, true});
  optim::AdamW adamw(m2.parameters(), {0.01});
  nn::MSELoss mse;
  for (int i = 0; i < 3; ++i) {
    adam.zero_grad();
    adamw.zero_grad();
    mse(m1(x), y).backward();
    mse(m2(x), y).backward();
    adam.step();
    adamw.step();
  }
  emit_params("adam.", m1);
  emit_params("adamw.", m2);
  emit_text("adam.step", std::to_string(adam.state(m1.weight)->step));
}

void errors() {
  Tensor w = randn({2, 2}).requires_grad_();
  expect_error("linear_negative", [] { nn::Linear(-1, 2); });
  expect_error("linear_shapes", [] { nn::Linear(4, 3)(randn({2, 5})); });
  expect_error("dropout_p", [] { nn::Dropout(1.5); });
  expect_error("conv_groups", [] { nn::Conv2d(3, 4, 3, 1, 0, 1, 2); });
  expect_error("conv_same_stride", [] { nn::Conv2d(3, 4, 3, 2, "same"); });
  expect_error("conv_padding_string", [] { nn::Conv2d(3, 4, 3, 1, "full"); });
  expect_error("conv_padding_mode", [] { nn::Conv2d(3, 4, 3, 1, 0, 1, 1, true, "mirror"); });
  expect_error("conv_kernel", [] { nn::Conv2d(3, 4, 0); });
  expect_error("batchnorm_input", [] { nn::BatchNorm2d(3)(randn({2, 3})); });
  expect_error("gelu", [] { nn::GELU("fast"); });
  expect_error("label_smoothing", [] { nn::CrossEntropyLoss({Tensor(), -100, Reduction::Mean, 1.5}); });
  expect_error("no_forward", [] { nn::Module()(randn({2})); });
  expect_error("sequential_index", [] { nn::Sequential(nn::ReLU())[3]; });
  expect_error("sgd_lr", [&] { optim::SGD({w}, {-0.1}); });
  expect_error("sgd_nesterov", [&] { optim::SGD({w}, {0.1, 0, 0, 0, true}); });
  expect_error("sgd_empty", [] { optim::SGD(TensorList{}, {0.1}); });
  expect_error("sgd_duplicate", [&] { optim::SGD({w, w}, {0.1}); });
  expect_error("sgd_non_leaf", [&] { optim::SGD({w * 2.0}, {0.1}); });
  expect_error("adam_beta", [&] { optim::Adam({w}, {1e-3, {0.9, 1.0}}); });
  expect_error("adamw_eps", [&] { optim::AdamW({w}, {1e-3, {0.9, 0.999}, -1e-8}); });
  expect_error("load_state_dict", [] {
    nn::Sequential m{nn::Linear(2, 3), nn::ReLU(), nn::Linear(3, 1)};
    auto state = m.state_dict();
    state.erase("2.bias");
    state["0.weight"] = zeros({3, 3});
    state["extra"] = zeros({1});
    m.load_state_dict(state);
  });
}

// read_idx on raw and gzipped files (paths from the command line).
void idx(int argc, char** argv) {
  for (int i = 2; i < argc; ++i) {
    const std::string path = argv[i];
    expect_error("error:" + path, [&] { emit_tensor("idx:" + path, io::read_idx(path)); });
  }
}

// A C++ model recorded with export_graph and written with save_graph
// (argv[2]); Python loads the file and compares with the outputs printed here.
void export_model(int argc, char** argv) {
  if (argc < 3) throw Error(ErrorKind::Value, "export: expected the graph file's path");
  manual_seed(3);
  nn::Sequential model{nn::Conv2d(3, 4, 3, 1, 1), nn::BatchNorm2d(4), nn::ReLU(), nn::MaxPool2d(2), nn::Flatten(),
                       nn::Linear(4 * 4 * 4, 5)};
  {
    NoGradGuard no_grad;
    model(randn({4, 3, 8, 8}) * 2.0 + 1.0);  // running statistics away from 0 and 1
  }
  model.eval();
  NamedTensors named = model.named_parameters();
  for (auto& entry : model.named_buffers()) named.push_back(entry);
  GraphRecording rec = export_graph([&](const TensorList& in) { return TensorList{model(in[0])}; },
                                    {randn({2, 3, 8, 8})}, named);
  save_graph(rec, argv[2]);
  Tensor x = randn({3, 3, 8, 8});  // another batch size
  emit_tensor("input", x);
  {
    NoGradGuard no_grad;
    emit_tensor("output", model(x));
  }
  std::string names;
  for (auto& entry : rec.constants) names += (names.empty() ? "" : " ") + entry.first;
  emit_text("constants", names);
  expect_error("refused", [] {
    export_graph([](const TensorList& in) { return TensorList{nonzero(in[0])}; }, {randn({2, 2})});
  });
}

}  // namespace

int main(int argc, char** argv) {
  const std::string scenario = argc > 1 ? argv[1] : "";
  try {
    if (scenario == "mlp") mlp();
    else if (scenario == "cnn") cnn();
    else if (scenario == "state_dict") state_dict_roundtrip();
    else if (scenario == "custom") custom();
    else if (scenario == "sgd") sgd();
    else if (scenario == "adam") adam();
    else if (scenario == "errors") errors();
    else if (scenario == "idx") idx(argc, argv);
    else if (scenario == "export") export_model(argc, argv);
    else {
      std::cerr << "unknown scenario '" << scenario << "'\n";
      return 2;
    }
  } catch (const std::exception& e) {
    std::cerr << "api_check " << scenario << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}
