// Runs one scenario of the C++ API (tensors and creation options, nn
// modules, optimizers, errors, IDX reading, export) and prints its results as JSON lines, which tests/test_cpp_api.py
// compares with the same scenario run through the Python API:
//   {"key": "...", "shape": [..], "values": [..]}    a tensor
//   {"key": "...", "text": "..."}                    a string (names, repr)
//   {"key": "...", "error": "...", "kind": "Value"}  an nnlite::Error
#include <cmath>
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
  Tensor c = t.detach().to(kFloat64).contiguous();
  std::string line = "{\"key\": " + json_str(key) + ", \"shape\": [";
  for (int64_t d = 0; d < c.dim(); ++d) line += (d ? ", " : "") + std::to_string(c.sizes()[d]);
  line += "], \"values\": [";
  const double* v = c.data_ptr<double>();
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

Tensor int_targets(const std::vector<int64_t>& v) { return tensor(v); }

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

// dtype, device and requires_grad of a tensor, as Python would print them.
void emit_kind(const std::string& key, const Tensor& t) {
  emit_text(key, std::string(dtype_name(t.scalar_type())) + " " + t.device().str() +
                     (t.requires_grad() ? " requires_grad" : ""));
}

std::string joined_sizes(const Shape& s) {
  std::string out;
  for (int64_t d : s.vec()) out += (out.empty() ? "" : " ") + std::to_string(d);
  return out;
}

// Tensor accessors: item<T>, data_ptr<T>, sizes, strides, options.
void tensor_api() {
  const int64_t big = (int64_t{1} << 53) + 1;  // not a double
  Tensor b = full({}, big, kInt64);
  emit_text("item_int64", std::to_string(b.item<int64_t>()));
  emit_text("item_int64_tensor", std::to_string(tensor({big, -big}).select(0, 1).item<int64_t>()));
  emit_text("item_uint8", std::to_string(static_cast<int>(full({1}, 200, kUInt8).item<uint8_t>())));
  emit_text("item_bool", full({}, true).item<bool>() ? "true" : "false");
  emit_text("item_float", std::to_string(full({1, 1}, 2.5, kFloat32).item<float>()));
  emit_text("item_double_of_int", std::to_string(full({}, 7).item<double>()));
  expect_error("item_int32_overflow", [] { full({}, int64_t{1} << 40).item<int32_t>(); });
  expect_error("item_nan_to_int", [] { full({}, NAN).item<int64_t>(); });
  expect_error("item_many", [] { zeros({2}).item<float>(); });

  Tensor x = arange(6, kFloat32).reshape({2, 3});
  float* p = x.data_ptr<float>();
  p[4] = 40;
  emit_tensor("data_ptr_write", x);
  emit_tensor("index_operator", x[1]);
  const Tensor& cx = x;
  emit_text("data_ptr_const", std::to_string(cx.data_ptr<const float>()[4]));
  expect_error("data_ptr_mismatch", [&] { x.data_ptr<int64_t>(); });
  expect_error("data_ptr_undefined", [] { Tensor().data_ptr<float>(); });

  Tensor xt = x.t();
  emit_text("sizes", joined_sizes(xt.sizes()));
  emit_text("strides", joined_sizes(xt.strides()));
  emit_text("stride_last", std::to_string(xt.stride(-1)));
  emit_text("dim_numel_size", std::to_string(xt.dim()) + " " + std::to_string(xt.numel()) + " " +
                                  std::to_string(xt.size(-1)));
  expect_error("stride_range", [&] { xt.stride(2); });
  emit_text("scalar_type", dtype_name(x.scalar_type()));

  // Options: built fluently or with the shorthands, read back from a tensor.
  TensorOptions o = TensorOptions().dtype(kFloat64).device(Device::cpu()).requires_grad(true);
  emit_text("options", o.str());
  emit_text("options_default", TensorOptions().str());
  emit_text("options_shorthand_equal", o == dtype(kDouble).device(kCPU).requires_grad(true) ? "true" : "false");
  emit_text("options_getters", std::string(dtype_name(o.dtype())) + " " + o.device().str() + " " +
                                   (o.requires_grad() ? "true" : "false"));
  Tensor z = zeros({2, 3}, o);
  emit_kind("options_tensor", z);
  emit_text("tensor_options", z.options().str());  // dtype and device; requires_grad is not carried (libtorch)
  emit_kind("options_round_trip", empty({4}, z.options()));
  emit_text("options_round_trip_equal", ones({1}, z.options()).options() == z.options() ? "true" : "false");
  emit_kind("options_implicit_dtype", zeros({2}, kLong));
  emit_kind("options_implicit_device", zeros({2}, kCPU));
}

// Every creation op with options, compared with the same calls in Python.
void creation() {
  emit_tensor("zeros", zeros({2, 3}, kInt64));
  emit_kind("zeros.kind", zeros({2, 3}, kInt64));
  emit_tensor("ones", ones({2}, dtype(kInt32)));
  emit_kind("ones.kind", ones({2}, dtype(kInt32)));
  emit_kind("empty.kind", empty({3}, dtype(kUInt8)));
  emit_tensor("full_int", full({2, 2}, 7));
  emit_kind("full_int.kind", full({2, 2}, 7));
  emit_kind("full_float.kind", full({2}, 1.5));
  emit_kind("full_bool.kind", full({2}, true));
  emit_tensor("full_dtype", full({3}, 2, kFloat64));
  emit_kind("full_dtype.kind", full({3}, 2, kFloat64));
  emit_tensor("arange_end", arange(5));
  emit_kind("arange_end.kind", arange(5));
  emit_tensor("arange_float", arange(0, 1, 0.25));
  emit_kind("arange_float.kind", arange(0, 1, 0.25));
  emit_tensor("arange_dtype", arange(2, 8, 2, kFloat64));
  emit_kind("arange_dtype.kind", arange(2, 8, 2, kFloat64));
  emit_tensor("linspace", linspace(0, 1, 5, kFloat64));
  emit_kind("linspace.kind", linspace(0, 1, 5, kFloat64));
  emit_tensor("eye", eye(2, 3, kInt64));
  emit_kind("eye.kind", eye(2, 3, kInt64));
  emit_tensor("eye_square", eye(3));
  Tensor base = arange(6, kInt32).reshape({2, 3});
  emit_kind("zeros_like.kind", zeros_like(base));
  emit_kind("ones_like.kind", ones_like(base, kFloat64));
  emit_tensor("full_like", full_like(base, 3));
  emit_kind("full_like.kind", full_like(base, 3));
  emit_kind("empty_like.kind", empty_like(base, requires_grad().dtype(kFloat32)));
  emit_tensor("tensor_int", tensor({1, 2, 3}));
  emit_kind("tensor_int.kind", tensor({1, 2, 3}));
  emit_tensor("tensor_float", tensor({0.5, 1.5}));
  emit_kind("tensor_float.kind", tensor({0.5, 1.5}));
  emit_kind("tensor_bool.kind", tensor({true, false}));
  emit_kind("tensor_dtype.kind", tensor(std::vector<int>{1, 2}, dtype(kFloat64).requires_grad(true)));

  manual_seed(11);
  emit_tensor("rand", rand({2, 3}));
  emit_tensor("randn", randn({4}, kFloat64));
  emit_tensor("randint", randint(3, 9, {5}));
  emit_kind("randint.kind", randint(10, {2}, kInt32));
  emit_tensor("randperm", randperm(6));
  emit_kind("randperm.kind", randperm(4, kFloat32));
  emit_tensor("rand_like", rand_like(zeros({3}, kFloat64)));
  emit_tensor("randn_like", randn_like(zeros({2})));
  Generator g(5);
  emit_tensor("randn_generator", randn({3}, &g, kFloat64));
  emit_tensor("randint_generator", randint(0, 100, {3}, &g));
  emit_tensor("randperm_generator", randperm(5, &g));
  // sampling.cpp's draws, from the same generator
  emit_tensor("bernoulli", bernoulli(full({6}, 0.5), &g));
  emit_tensor("normal_tensors", normal(zeros({2, 1}), ones({3}), &g));
  emit_tensor("poisson", poisson(full({4}, 20.0), &g));
  emit_tensor("randint_like", randint_like(zeros({3}), 2, 7, &g));
  Tensor expo = zeros({3});
  emit_tensor("exponential_", exponential_(expo, 2.0, &g));
  Tensor coin = zeros({4});
  emit_tensor("bernoulli_", bernoulli_(coin, 0.3, &g));

  // requires_grad through the options: a leaf that backward reaches.
  manual_seed(12);
  Tensor w = randn({3}, requires_grad());
  emit_kind("requires_grad.kind", w);
  emit_text("requires_grad.is_leaf", w.is_leaf() ? "true" : "false");
  sum(w * w).backward();
  emit_tensor("requires_grad.grad", w.grad());
  emit_tensor("requires_grad.w", w);
  expect_error("requires_grad_int", [] { zeros({2}, dtype(kInt64).requires_grad(true)); });
  expect_error("requires_grad_randint", [] { randint(5, {2}, requires_grad()); });
  expect_error("rand_int_dtype", [] { rand({2}, kInt64); });
  expect_error("cuda_zeros", [] { zeros({2}, kCUDA); });
  expect_error("cuda_randn", [] { randn({2}, TensorOptions().device(Device::cuda())); });
  expect_error("cuda_randperm", [] { randperm(3, device(Device(kCUDA, 0))); });
  emit_kind("cpu_explicit", arange(3, device(Device("cpu"))));

  // The older (dtype, device) spellings still work.
  emit_kind("legacy_zeros", zeros({2}, DType::Int32, Device()));
  emit_kind("legacy_arange", arange(0, 4, 1, DType::Float64));
  emit_kind("legacy_eye", eye(2, std::nullopt, DType::Float64));
  emit_kind("legacy_rand", rand({2}, DType::Float64));
}


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
  // module->to(...) converts in place: the member, the registry and a handle taken before all see it.
  Tensor held = net.parameters()[0];
  net.to(kFloat64);
  emit_kind("to_float64.member", net.fc1->weight);
  emit_kind("to_float64.held", held);
  emit_kind("to_float64.buffer", net.bn->running_var);
  emit_tensor("to_float64.out", net(x.to(kFloat64)));
  net.to(kFloat32).to(Device::cpu());
  expect_error("module_to_int", [&] { net.to(kInt64); });
  expect_error("module_to_cuda", [&] { net.to(kCUDA); });
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
                       nn::Conv2d(nn::Conv2dOptions(4, 6, 3).padding("same").groups(2).bias(false).padding_mode(
                           "reflect")),
                       nn::AvgPool2d(2, 1),
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
    if (scenario == "tensor_api") tensor_api();
    else if (scenario == "creation") creation();
    else if (scenario == "mlp") mlp();
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
