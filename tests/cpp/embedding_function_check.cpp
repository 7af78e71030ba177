// nn::Embedding and autograd::Function from C++: prints JSON lines (as
// api_check.cpp does) that tests/test_cpp_embedding_function.py compares with
// the same steps run through the Python API.
#include <cstdio>
#include <iostream>
#include <string>

#include <nnlite/nnlite.h>

using namespace nnlite;

namespace {

void emit_tensor(const std::string& key, const Tensor& t) {
  Tensor c = t.detach().to(DType::Float64).contiguous();
  std::string line = "{\"key\": \"" + key + "\", \"shape\": [";
  for (int64_t d = 0; d < c.dim(); ++d) line += (d ? ", " : "") + std::to_string(c.size(d));
  line += "], \"values\": [";
  char buf[40];
  for (int64_t i = 0; i < c.numel(); ++i) {
    std::snprintf(buf, sizeof buf, "%s%.17g", i ? ", " : "", c.data<double>()[i]);
    line += buf;
  }
  std::cout << line << "]}\n";
}

void emit_text(const std::string& key, const std::string& text) {
  std::cout << "{\"key\": \"" << key << "\", \"text\": \"" << text << "\"}\n";
}

template <typename F>
void expect_error(const std::string& key, F fn) {
  try {
    fn();
    emit_text(key, "no error");
  } catch (const Error& e) {
    emit_text(key, e.what());
  }
}

Tensor ints(std::initializer_list<int64_t> v, Shape shape) {
  Tensor t = empty({static_cast<int64_t>(v.size())}, DType::Int64);
  int64_t i = 0;
  for (int64_t x : v) t.data<int64_t>()[i++] = x;
  return t.reshape(shape);
}

}  // namespace

// y = k * x^3 with a backward written with ops (so it has a derivative too).
struct Cube : autograd::Function<Cube> {
  static Tensor forward(autograd::FunctionCtx* ctx, const Tensor& x, double k) {
    ctx->save_for_backward({x});
    ctx->saved_data["k"] = k;
    return x * x * x * k;
  }
  static TensorList backward(autograd::FunctionCtx* ctx, const TensorList& g) {
    Tensor x = ctx->get_saved_variables()[0];
    return {g[0] * x * x * (3 * ctx->saved_data["k"].to_double()), Tensor()};
  }
};

struct WrongCount : autograd::Function<WrongCount> {
  static Tensor forward(autograd::FunctionCtx*, const Tensor& x) { return x * 2; }
  static TensorList backward(autograd::FunctionCtx*, const TensorList& g) { return {g[0], g[0]}; }
};

int main() {
  // ---- nn::Embedding ----
  manual_seed(3);
  nn::Embedding emb(nn::EmbeddingOptions(10, 4).padding_idx(-1).scale_grad_by_freq(true));
  emit_tensor("emb.weight", emb.weight);
  emit_text("emb.repr", emb.repr());
  Tensor idx = ints({1, 9, 1, 2, 3, 1}, {2, 3});
  Tensor y = emb(idx);
  emit_tensor("emb.out", y);
  sum(y * y).backward();
  emit_tensor("emb.grad", emb.weight.grad());

  nn::Embedding capped(nn::EmbeddingOptions(6, 3).max_norm(1.0));
  capped(ints({0, 4, 4}, {3}));
  emit_tensor("capped.weight", capped.weight);
  emit_text("capped.repr", capped.repr());

  auto pre = nn::Embedding::from_pretrained(full({3, 2}, 1.5));
  emit_text("pretrained.requires_grad", pre->weight.requires_grad() ? "True" : "False");
  emit_tensor("pretrained.out", pre->forward(ints({2, 0}, {2})));
  expect_error("emb.bad_index", [&] { emb(ints({10}, {1})); });
  expect_error("emb.sparse", [&] { nn::Embedding(nn::EmbeddingOptions(2, 2).sparse(true)); });

  // ---- autograd::Function ----
  Tensor x = arange(1, 4, 1, DType::Float64).requires_grad_(true);
  Tensor c = Cube::apply(x, 2.0);
  emit_tensor("cube.out", c);
  Tensor g = autograd::grad(TensorList{sum(c)}, {x}, {}, false, true)[0];
  emit_tensor("cube.grad", g);
  sum(g).backward();
  emit_tensor("cube.grad2", x.grad());

  // The function-object form: two outputs, one step.
  Tensor a = arange(0, 3, 1, DType::Float64).requires_grad_(true);
  TensorList outs = autograd::custom_function(
      "SinCos", {a}, [&](autograd::FunctionCtx& ctx) {
        ctx.save_for_backward({a});
        return TensorList{sin(a), cos(a)};
      },
      [](autograd::FunctionCtx& ctx, const TensorList& gs) {
        Tensor v = ctx.get_saved_variables()[0];
        return TensorList{gs[0] * cos(v) - gs[1] * sin(v)};
      });
  sum(outs[0] * 2 + outs[1]).backward();
  emit_tensor("sincos.grad", a.grad());
  emit_text("sincos.grad_fn", outs[0].grad_fn()->name);
  expect_error("wrong_count", [&] { sum(WrongCount::apply(x)).backward(); });
  return 0;
}
