"""The CNN model zoo: parameter counts against the published numbers, layouts
and outputs against torch-built equivalents (torchvision's layout written out
here, since torchvision is not installed), initialisation, and errors."""
import math

import numpy as np
import pytest

import nnlite
from nnlite import models, nn

# Published / torchvision parameter counts for the default num_classes.
PUBLISHED = {
    "lenet5": 61_706,  # 156 + 2,416 + 48,120 + 10,164 + 850
    "resnet20": 269_722,  # "0.27M" (He et al. 2016, Table 6, option A)
    "resnet32": 464_154,  # "0.46M"
    "resnet56": 853_018,  # "0.85M"
    "resnet18": 11_689_512,  # torchvision.models.resnet18
    "resnet50": 25_557_032,  # torchvision.models.resnet50
    "vgg11": 9_231_114,  # VGG-11-BN with a 512 -> 10 classifier
}
PAPER_MILLIONS = {"resnet20": 0.27, "resnet32": 0.46, "resnet56": 0.85}


def count(model):
    return sum(p.numel() for p in model.parameters())


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_parameter_counts_match_published(name):
    m = models.get_model(name)
    assert count(m) == PUBLISHED[name]
    if name in PAPER_MILLIONS:
        assert round(count(m) / 1e6, 2) == PAPER_MILLIONS[name]


def test_registry_lists_the_zoo():
    assert set(PUBLISHED) | {"mlp"} <= set(models.list_models())


# ---- torch-built equivalents ----------------------------------------------------


def torch_models(T):
    """Torch versions of the zoo in torchvision's layout and names."""
    tnn = T.nn

    class TBasic(tnn.Module):
        expansion = 1

        def __init__(self, inplanes, planes, stride=1, downsample=None):
            super().__init__()
            self.conv1 = tnn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
            self.bn1 = tnn.BatchNorm2d(planes)
            self.relu = tnn.ReLU()
            self.conv2 = tnn.Conv2d(planes, planes, 3, 1, 1, bias=False)
            self.bn2 = tnn.BatchNorm2d(planes)
            self.downsample = downsample

        def forward(self, x):
            idt = x if self.downsample is None else self.downsample(x)
            return self.relu(self.bn2(self.conv2(self.relu(self.bn1(self.conv1(x))))) + idt)

    class TBottleneck(tnn.Module):
        expansion = 4

        def __init__(self, inplanes, planes, stride=1, downsample=None):
            super().__init__()
            self.conv1 = tnn.Conv2d(inplanes, planes, 1, bias=False)
            self.bn1 = tnn.BatchNorm2d(planes)
            self.conv2 = tnn.Conv2d(planes, planes, 3, stride, 1, bias=False)
            self.bn2 = tnn.BatchNorm2d(planes)
            self.conv3 = tnn.Conv2d(planes, planes * 4, 1, bias=False)
            self.bn3 = tnn.BatchNorm2d(planes * 4)
            self.relu = tnn.ReLU()
            self.downsample = downsample

        def forward(self, x):
            idt = x if self.downsample is None else self.downsample(x)
            out = self.relu(self.bn1(self.conv1(x)))
            out = self.relu(self.bn2(self.conv2(out)))
            return self.relu(self.bn3(self.conv3(out)) + idt)

    class TResNet(tnn.Module):
        def __init__(self, block, layers, num_classes=1000):
            super().__init__()
            self.inplanes = 64
            self.conv1 = tnn.Conv2d(3, 64, 7, 2, 3, bias=False)
            self.bn1 = tnn.BatchNorm2d(64)
            self.relu = tnn.ReLU()
            self.maxpool = tnn.MaxPool2d(3, 2, 1)
            self.layer1 = self._layer(block, 64, layers[0], 1)
            self.layer2 = self._layer(block, 128, layers[1], 2)
            self.layer3 = self._layer(block, 256, layers[2], 2)
            self.layer4 = self._layer(block, 512, layers[3], 2)
            self.avgpool = tnn.AdaptiveAvgPool2d((1, 1))
            self.fc = tnn.Linear(512 * block.expansion, num_classes)

        def _layer(self, block, planes, n, stride):
            down = None
            if stride != 1 or self.inplanes != planes * block.expansion:
                down = tnn.Sequential(tnn.Conv2d(self.inplanes, planes * block.expansion, 1, stride, bias=False),
                                      tnn.BatchNorm2d(planes * block.expansion))
            blocks = [block(self.inplanes, planes, stride, down)]
            self.inplanes = planes * block.expansion
            blocks += [block(self.inplanes, planes) for _ in range(1, n)]
            return tnn.Sequential(*blocks)

        def forward(self, x):
            x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
            x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
            return self.fc(T.flatten(self.avgpool(x), 1))

    class TCifarBlock(tnn.Module):
        def __init__(self, inplanes, planes, stride, shortcut):
            super().__init__()
            self.conv1 = tnn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
            self.bn1 = tnn.BatchNorm2d(planes)
            self.conv2 = tnn.Conv2d(planes, planes, 3, 1, 1, bias=False)
            self.bn2 = tnn.BatchNorm2d(planes)
            self.stride, self.extra, self.downsample = stride, planes - inplanes, None
            if (stride != 1 or inplanes != planes) and shortcut == "B":
                self.downsample = tnn.Sequential(tnn.Conv2d(inplanes, planes, 1, stride, bias=False),
                                                 tnn.BatchNorm2d(planes))

        def forward(self, x):
            out = self.bn2(self.conv2(T.relu(self.bn1(self.conv1(x)))))
            if self.downsample is not None:
                idt = self.downsample(x)
            else:  # option A: subsample, then zero channels split before and after
                idt = x[:, :, ::self.stride, ::self.stride]
                idt = T.nn.functional.pad(idt, (0, 0, 0, 0, self.extra // 2, self.extra - self.extra // 2))
            return T.relu(out + idt)

    class TCifarResNet(tnn.Module):
        def __init__(self, n, shortcut="A", num_classes=10):
            super().__init__()
            self.conv1 = tnn.Conv2d(3, 16, 3, 1, 1, bias=False)
            self.bn1 = tnn.BatchNorm2d(16)
            stages, inplanes = [], 16
            for planes, stride in ((16, 1), (32, 2), (64, 2)):
                stages.append(tnn.Sequential(*[TCifarBlock(inplanes if i == 0 else planes, planes,
                                                           stride if i == 0 else 1, shortcut) for i in range(n)]))
                inplanes = planes
            self.layer1, self.layer2, self.layer3 = stages
            self.fc = tnn.Linear(64, num_classes)

        def forward(self, x):
            x = self.layer3(self.layer2(self.layer1(T.relu(self.bn1(self.conv1(x))))))
            return self.fc(x.mean((2, 3)))

    def vgg11(num_classes=10):
        layers, c = [], 3
        for v in [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"]:
            if v == "M":
                layers.append(tnn.MaxPool2d(2, 2))
            else:
                layers += [tnn.Conv2d(c, v, 3, padding=1), tnn.BatchNorm2d(v), tnn.ReLU()]
                c = v
        m = tnn.Module()
        m.features, m.classifier = tnn.Sequential(*layers), tnn.Linear(512, num_classes)
        m.forward = lambda x: m.classifier(T.flatten(m.features(x), 1))
        return m

    class TLeNet(tnn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = tnn.Conv2d(1, 6, 5, padding=2)
            self.conv2 = tnn.Conv2d(6, 16, 5)
            self.fc1, self.fc2, self.fc3 = tnn.Linear(400, 120), tnn.Linear(120, 84), tnn.Linear(84, 10)

        def forward(self, x):
            x = T.max_pool2d(T.relu(self.conv1(x)), 2)
            x = T.flatten(T.max_pool2d(T.relu(self.conv2(x)), 2), 1)
            return self.fc3(T.relu(self.fc2(T.relu(self.fc1(x)))))

    return {
        "resnet18": lambda: TResNet(TBasic, [2, 2, 2, 2]),
        "resnet50": lambda: TResNet(TBottleneck, [3, 4, 6, 3]),
        "resnet20": lambda: TCifarResNet(3),
        "resnet32": lambda: TCifarResNet(5),
        "resnet56": lambda: TCifarResNet(9),
        "resnet20-B": lambda: TCifarResNet(3, "B"),
        "vgg11": vgg11,
        "lenet5": TLeNet,
    }


def build(name):
    if name == "resnet20-B":
        return models.resnet20(shortcut="B")
    return models.get_model(name)


@pytest.mark.parametrize("name", ["lenet5", "resnet20", "resnet32", "resnet56", "resnet20-B", "resnet18", "resnet50",
                                  "vgg11"])
def test_state_dict_maps_one_to_one_to_torch(torch, name):
    ours = build(name).state_dict()
    theirs = torch_models(torch)[name]().state_dict()
    assert list(ours) == list(theirs)
    for key, t in theirs.items():
        assert tuple(ours[key].shape) == tuple(t.shape), key


def load_from_torch(model, torch_model):
    model.load_state_dict({k: nnlite.from_numpy(v.detach().numpy().copy())
                           for k, v in torch_model.state_dict().items()})


@pytest.mark.parametrize("name, shape", [("lenet5", (3, 1, 28, 28)), ("resnet20", (2, 3, 32, 32)),
                                         ("resnet20-B", (2, 3, 32, 32)), ("vgg11", (2, 3, 32, 32)),
                                         ("resnet18", (2, 3, 64, 64))])
def test_outputs_match_torch_with_the_same_weights(torch, rng, name, shape):
    torch.manual_seed(0)
    theirs = torch_models(torch)[name]()
    with torch.no_grad():  # non-trivial running statistics, so eval mode is tested too
        for m in theirs.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.running_mean.uniform_(-0.1, 0.1)
                m.running_var.uniform_(0.5, 1.5)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.1, 0.1)
    ours = build(name)
    load_from_torch(ours, theirs)
    x = rng.standard_normal(shape).astype(np.float32)
    for train in (False, True):
        theirs.train(train)
        ours.train(train)
        ty, ny = theirs(torch.from_numpy(x)), ours(nnlite.tensor(x))
        np.testing.assert_allclose(ny.detach().numpy(), ty.detach().numpy(), rtol=2e-3, atol=2e-4)
    # Input gradients in float64: in float32 a ReLU input within rounding of
    # zero (one of ~16k at 1e-6 in ResNet-20-B, after Winograd's few-1e-6
    # errors) can fall on either side in the two libraries, and one such
    # element moves the input gradient by ~1e-3. In float64 there are no
    # such ties, and the gradients must agree closely. (The float32 training
    # pass above left running statistics that differ by float32 rounding:
    # ours take torch's again.)
    theirs.double()
    ours.double()
    load_from_torch(ours, theirs)
    x64 = x.astype(np.float64)
    for train in (False, True):
        theirs.train(train)
        ours.train(train)
        tx = torch.from_numpy(x64).requires_grad_(True)
        nx = nnlite.tensor(x64, requires_grad=True)
        theirs(tx).square().sum().backward()
        y = ours(nx)
        (y * y).sum().backward()
        np.testing.assert_allclose(nx.grad.numpy(), tx.grad.numpy(), rtol=1e-6, atol=1e-9)


def test_resnet50_forward_backward_on_imagenet_batch():
    """The ResNet-50 of the large-minibatch papers: one step on 2x3x224x224."""
    nnlite.manual_seed(0)
    m = models.resnet50()
    x = nnlite.randn(2, 3, 224, 224)
    y = m(x)
    assert tuple(y.shape) == (2, 1000)
    nn.CrossEntropyLoss()(y, nnlite.tensor([3, 999])).backward()
    for name, p in m.named_parameters():
        assert p.grad is not None and tuple(p.grad.shape) == tuple(p.shape), name
    assert np.isfinite(m.conv1.weight.grad.numpy()).all()
    assert float(m.conv1.weight.grad.abs().sum().item()) > 0
    assert int(m.bn1.num_batches_tracked.item()) == 1


@pytest.mark.parametrize("name, shape", [("lenet5", (2, 1, 28, 28)), ("resnet20", (2, 3, 32, 32)),
                                         ("resnet32", (1, 3, 32, 32)), ("vgg11", (2, 3, 32, 32)),
                                         ("resnet18", (2, 3, 32, 32))])
def test_forward_backward_shapes(name, shape):
    m = models.get_model(name, num_classes=7)
    y = m(nnlite.randn(*shape))
    assert tuple(y.shape) == (shape[0], 7)
    y.sum().backward()
    assert all(p.grad is not None for p in m.parameters())


def test_in_channels():
    assert tuple(models.lenet5(in_channels=3)(nnlite.randn(1, 3, 28, 28)).shape) == (1, 10)
    for name in ("resnet20", "resnet18", "vgg11"):
        m = models.get_model(name, in_channels=1, num_classes=4)
        assert tuple(m(nnlite.randn(2, 1, 32, 32)).shape) == (2, 4)
        first = next(iter(m.parameters()))
        assert first.shape[1] == 1


def test_cifar_resnet_depth_and_option_a_adds_no_parameters():
    for name, depth in (("resnet20", 20), ("resnet32", 32), ("resnet56", 56)):
        m = models.get_model(name)
        convs = [mod for mod in m.modules() if isinstance(mod, nn.Conv2d)]
        linears = [mod for mod in m.modules() if isinstance(mod, nn.Linear)]
        assert m.depth == depth == len(convs) + len(linears)  # option A: no projection convolutions
    b = models.resnet20(shortcut="B")
    assert count(b) - count(models.resnet20()) == (16 * 32 + 2 * 32) + (32 * 64 + 2 * 64)


def test_option_a_shortcut_is_subsample_and_zero_channels():
    block = models.CifarBasicBlock(16, 32, stride=2)
    x = nnlite.randn(2, 16, 8, 8)
    s = block._shortcut(x).numpy()
    assert s.shape == (2, 32, 4, 4)
    np.testing.assert_array_equal(s[:, 8:24], x.numpy()[:, :, ::2, ::2])
    assert not s[:, :8].any() and not s[:, 24:].any()


def test_weight_init_follows_torchvision():
    nnlite.manual_seed(0)
    m = models.resnet50()
    conv = m.layer3[0].conv2  # 256 x 256 x 3 x 3: fan_out = 256 * 9
    std = float(conv.weight.std().item())
    assert std == pytest.approx(math.sqrt(2.0 / (256 * 9)), rel=0.02)
    for mod in m.modules():
        if isinstance(mod, nn.BatchNorm2d):
            assert float(mod.weight.amin().item()) == 1.0 == float(mod.weight.amax().item())
            assert float(mod.bias.abs().amax().item()) == 0.0
    z = models.resnet18(zero_init_residual=True)
    assert float(z.layer1[0].bn2.weight.abs().amax().item()) == 0.0
    assert float(z.layer1[0].bn1.weight.amin().item()) == 1.0
    assert float(models.resnet50(zero_init_residual=True).layer4[2].bn3.weight.abs().amax().item()) == 0.0
    v = models.vgg11()
    assert float(v.classifier.weight.std().item()) == pytest.approx(0.01, rel=0.1)
    assert float(v.features[0].bias.abs().amax().item()) == 0.0


def test_seeded_construction_repeats():
    nnlite.manual_seed(3)
    a = models.resnet20().state_dict()
    nnlite.manual_seed(3)
    b = models.resnet20().state_dict()
    for k in a:
        np.testing.assert_array_equal(a[k].numpy(), b[k].numpy())


@pytest.mark.parametrize("call, words", [
    (lambda: models.lenet5(num_classes=0), ["LeNet5", "num_classes"]),
    (lambda: models.resnet20(in_channels=2.5), ["CifarResNet", "in_channels"]),
    (lambda: models.resnet20(shortcut="C"), ["shortcut", "'C'"]),
    (lambda: models.resnet18(num_classes=-1), ["ResNet", "num_classes"]),
    (lambda: models.ResNet(models.BasicBlock, [2, 2, 2]), ["ResNet", "4"]),
    (lambda: models.ResNet(nn.Linear, [2, 2, 2, 2]), ["block"]),
    (lambda: models.vgg11(num_classes=True), ["VGG", "num_classes"]),
    (lambda: models.VGG("vgg99"), ["vgg99"]),
    (lambda: models.CifarBasicBlock(32, 16, 2), ["shortcut A", "32 -> 16"]),
])
def test_bad_arguments(call, words):
    with pytest.raises(ValueError) as info:
        call()
    for w in words:
        assert w in str(info.value)


@pytest.mark.parametrize("name, shape, words", [
    ("lenet5", (2, 1, 32, 32), ["LeNet5", "[N, 1, 28, 28]", "[2, 1, 32, 32]"]),
    ("lenet5", (1, 28, 28), ["LeNet5", "[1, 28, 28]"]),
    ("resnet20", (2, 1, 32, 32), ["CifarResNet", "[N, 3, H, W]"]),
    ("resnet18", (3, 224, 224), ["ResNet", "[3, 224, 224]"]),
    ("vgg11", (1, 3, 16, 16), ["VGG", ">= 32"]),
])
def test_bad_input_shapes(name, shape, words):
    with pytest.raises(ValueError) as info:
        models.get_model(name)(nnlite.zeros(*shape))
    for w in words:
        assert w in str(info.value)
