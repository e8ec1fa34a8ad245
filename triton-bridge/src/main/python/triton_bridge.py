"""Ahead-of-time compiler for Triton candidates: no GPU, no CUDA driver needed.

Usage: python triton_bridge.py REQUEST.json OUT_DIR

REQUEST.json: {"source": path of the candidate .py, "source_root": the folder of its local modules, "arch": 90,
               "kernels": [{"name", "signature": [type, ...] | null, "constexprs": {name: int},
                            "num_warps": int, "num_stages": int}, ...]}
  "signature" gives the Triton types ("*i32", "i32", "*i64", ...) of the kernel's runtime
  parameters in order (every parameter that is not a constexpr).

Writes OUT_DIR/<kernel>.ptx, OUT_DIR/<kernel>.cubin and OUT_DIR/metadata.json, or, when the candidate
is at fault, OUT_DIR/error.json ({"kind", "message", "line"?, "kernel"?}) and exits with status 2.
Exit status 3: Triton itself cannot be imported (the environment, not the candidate).
The Java side (dev.scanbench.tritonbridge.TritonCompiler) owns caching, timeouts, the sandbox this runs in
(the candidate's code runs in this process) and messages.
"""
import importlib.util
import json
import os
import sys
import traceback

ERROR_EXIT = 2
ENVIRONMENT_EXIT = 3


class CandidateError(Exception):
    """A fault of the candidate file, reported to the user as error.json."""

    def __init__(self, kind, message, line=None, kernel=None):
        super().__init__(message)
        self.record = {"kind": kind, "message": message}
        if line is not None:
            self.record["line"] = line
        if kernel is not None:
            self.record["kernel"] = kernel


def load_candidate(path):
    # Imported under a private name so a candidate called e.g. "triton.py" cannot shadow the package.
    spec = importlib.util.spec_from_file_location("_workbench_candidate", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except SyntaxError as e:
        where = f"{path}:{e.lineno}" + (f":{e.offset}" if e.offset else "")
        text = (e.text or "").rstrip("\n")
        raise CandidateError("syntax", f"{where}: {e.msg}" + (f"\n    {text}" if text else ""), line=e.lineno)
    except Exception:
        line = None
        for frame in traceback.extract_tb(sys.exc_info()[2]):
            if os.path.abspath(frame.filename) == os.path.abspath(path):
                line = frame.lineno
        summary = traceback.format_exception_only(*sys.exc_info()[:2])[-1].strip()
        where = f"{path}:{line}" if line else path
        raise CandidateError("import", f"{where}: importing the candidate failed: {summary}", line=line)
    return module


def jit_functions(module):
    from triton.runtime.jit import JITFunction
    found = {}
    for name, value in vars(module).items():
        fn = value
        # @triton.autotune / @triton.heuristics wrap the JITFunction; the plan fixes the configuration.
        while not isinstance(fn, JITFunction) and hasattr(fn, "fn"):
            fn = fn.fn
        if isinstance(fn, JITFunction) and fn.__name__ == name:
            found[name] = fn
    return found


def build_source(fn, request, path):
    from triton.compiler import ASTSource
    name = request["name"]
    constexprs = dict(request.get("constexprs") or {})
    types = request.get("signature")
    signature = {}
    values = {}
    runtime = [p for p in fn.params if not p.is_constexpr and p.name not in constexprs]
    for p in fn.params:
        if p.is_constexpr or p.name in constexprs:
            signature[p.name] = "constexpr"
            if p.name in constexprs:
                values[p.name] = constexprs.pop(p.name)
            elif p.default is not None and p.default is not p._param.empty:
                values[p.name] = p.default
            else:
                raise CandidateError("plan", f"kernel {name}: constexpr parameter {p.name} has no default"
                                     f" and the plan gives no value (add constexprs=({p.name}=...) to its"
                                     f" '# @plan triton {name}' line)", kernel=name)
    if constexprs:
        raise CandidateError("plan", f"kernel {name} has no parameter named "
                             + ", ".join(sorted(constexprs)) + f" (its parameters: {', '.join(fn.arg_names)})",
                             kernel=name)
    if types is None or len(types) != len(runtime):
        given = "none" if types is None else str(len(types))
        raise CandidateError("plan", f"kernel {name} has {len(runtime)} runtime parameters"
                             f" ({', '.join(p.name for p in runtime)}) but the plan gives {given} types",
                             kernel=name)
    for p, ty in zip(runtime, types):
        signature[p.name] = ty
    return ASTSource(fn, signature, constexprs=values), values, [p.name for p in runtime]


def compile_kernel(fn, request, path, arch):
    import triton
    from triton.backends.compiler import GPUTarget
    from triton.compiler.errors import CompilationError
    name = request["name"]
    src, constexprs, runtime_names = build_source(fn, request, path)
    options = {"num_warps": request["num_warps"], "num_stages": request["num_stages"]}
    try:
        compiled = triton.compile(src, target=GPUTarget("cuda", arch, 32), options=options)
    except CompilationError as e:
        line = None
        if getattr(e.node, "lineno", None) is not None:
            # The node's line counts from the kernel's "def" line (Triton drops the decorators).
            line = getattr(fn, "def_file_line_number", fn.starting_line_number) + e.node.lineno - 1
        where = f"{path}:{line}" if line else path
        message = str(e)
        # Triton keeps the underlying error (e.g. a type error in a called function) as the cause.
        cause = e.__cause__
        while cause is not None:
            message += "\n" + "".join(traceback.format_exception_only(type(cause), cause)).strip()
            cause = cause.__cause__
        raise CandidateError("compile", f"{where}: Triton could not compile kernel {name}:\n{message}",
                             line=line, kernel=name)
    except Exception as e:
        summary = "".join(traceback.format_exception_only(type(e), e)).strip()
        raise CandidateError("compile", f"{path}: Triton could not compile kernel {name}:\n{summary}",
                             kernel=name)
    md = compiled.metadata
    hidden = [
        {"name": "global_scratch", "bytes_per_program": md.global_scratch_size,
         "align": md.global_scratch_align},
        {"name": "profile_scratch", "bytes_per_program": md.profile_scratch_size,
         "align": md.profile_scratch_align},
    ]
    return compiled, {
        "name": md.name,
        "num_warps": md.num_warps,
        "threads_per_block": md.num_warps * 32,
        "num_ctas": md.num_ctas,
        "num_stages": md.num_stages,
        "shared_bytes": md.shared,
        "constexprs": constexprs,
        "runtime_params": runtime_names,
        "signature": request["signature"],
        "hidden_params": hidden,
    }


def main(argv):
    request_path, out_dir = argv[1], argv[2]
    with open(request_path, encoding="utf-8") as f:
        request = json.load(f)
    try:
        import triton
    except Exception as e:
        print(f"cannot import triton: {e}", file=sys.stderr)
        return ENVIRONMENT_EXIT
    path = request["source"]
    # After Triton is imported, so that a local module cannot stand in for it; the candidate's own local
    # modules (copied next to it) are then importable as they are beside the original.
    root = request.get("source_root")
    if root:
        sys.path.insert(0, root)
    try:
        module = load_candidate(path)
        found = jit_functions(module)
        kernels = []
        for k in request["kernels"]:
            fn = found.get(k["name"])
            if fn is None:
                known = ", ".join(sorted(found)) or "none"
                raise CandidateError("missing_kernel", f"{path}: the plan names kernel '{k['name']}' but the"
                                     f" file defines no @triton.jit function of that name (found: {known})",
                                     kernel=k["name"])
            compiled, meta = compile_kernel(fn, k, path, request.get("arch", 90))
            with open(os.path.join(out_dir, k["name"] + ".ptx"), "w", encoding="utf-8") as f:
                f.write(compiled.asm["ptx"])
            with open(os.path.join(out_dir, k["name"] + ".cubin"), "wb") as f:
                f.write(compiled.asm["cubin"])
            kernels.append(meta)
    except CandidateError as e:
        with open(os.path.join(out_dir, "error.json"), "w", encoding="utf-8") as f:
            json.dump(e.record, f)
        return ERROR_EXIT
    with open(os.path.join(out_dir, "metadata.json"), "w", encoding="utf-8") as f:
        json.dump({"triton_version": triton.__version__, "arch": request.get("arch", 90), "kernels": kernels},
                  f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
