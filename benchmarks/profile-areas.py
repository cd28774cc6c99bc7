#!/usr/bin/env python3
"""Sums a perf report (self %, `--sort symbol`, one `  N.NN%  [.] symbol` per line on stdin) by area, so that a
profile reads as where the drain's CPU goes: kernel, reference counting, allocation, the concurrency runtime, NIO,
AsyncHTTPClient, Foundation, libpq, our own modules. Swift symbols are classified by their mangled module name."""
import re
import sys

# Swift runtime entry points, by what they do (checked before the module rule).
RUNTIME = [
    ("reference counting", re.compile(r"^(swift_(retain|release|bridgeObject(Retain|Release)|unknownObject(Retain|Release)|nonatomic_)|_swift_(retain|release)_)")),
    ("allocation", re.compile(r"^(swift_(allocObject|deallocObject|deallocClassInstance|slowAlloc|slowDealloc|allocBox|deallocBox)|malloc|free|cfree|calloc|realloc|_int_malloc|_int_free|malloc_consolidate|__libc_malloc|__libc_free|tcache_|__memalign|_mid_memalign|aligned_alloc|posix_memalign)")),
    ("generic metadata and casts", re.compile(r"^(swift_(getGeneric|getWitnessTable|conformsToProtocol|dynamicCast|getTypeByMangled|getAssociated|getExistential|getTupleType|checkMetadataState|instantiate)|__swift_instantiate|swift::(MetadataCache|_conformsToProtocol|_dynamicCast))")),
    ("generic metadata and casts", re.compile(r"^(getCache|swift::(ConcurrentReadableHashMap|StableAddressConcurrentReadableHashMap|LockingConcurrentMap|MetadataCacheKey|Demangle|TypeDecoder)|tryCast|_swift_getGenericMetadata)")),
    ("concurrency runtime", re.compile(r"^(swift_(task_|job_|continuation_|asyncLet|taskGroup|defaultActor|get_|Concurrency)|swift::(TaskGroup|AsyncTask|Job|runJob|_swift_task|ExecutorRef|SerialExecutorRef|TaskExecutorRef|StackAllocator|runtime::AccessSet|swift_task)|_swift_task_|swift_task_|withStatusRecordLock|__swift::__runtime::llvm::function_ref<void \(swift::ActiveTaskStatus\)>|swift_beginAccess|swift_endAccess)")),
]
# Mangled Swift module names ($s<len><name>...) grouped by area.
MODULES = {
    "NIO": re.compile(r"^(NIO|_NIO|CNIO)"),
    "AsyncHTTPClient": re.compile(r"^AsyncHTTPClient$"),
    "Foundation": re.compile(r"^(Foundation|_Foundation|FoundationEssentials|FoundationNetworking|FoundationInternationalization)"),
    "Swift standard library": re.compile(r"^(s|Swift|_StringProcessing|_Concurrency)$"),
    "cronjob (Jobs, Runner, HTTP, Postgres, ...)": re.compile(r"^(Jobs|Runner|HTTP|Postgres|Grammar|Secrets|cronjob|Seed)$"),
}
LIBPQ = re.compile(r"^(PQ|pq|pqsecure|pqGet|pqPut|pqParse|pqFlush|pqRead|pqWait|pqCheck|pqsecure_|pg_|PQ_)")
LIBC_IO = re.compile(r"^(__?(libc_)?(send|recv|read|write|poll|epoll|sendmsg|recvmsg|writev|readv)|epoll_|__poll|__GI___poll)")


def area(symbol: str, kernel: bool) -> str:
    if kernel:
        return "kernel (system calls, scheduling, TCP)"
    for name, pattern in RUNTIME:
        if pattern.search(symbol):
            return name
    match = re.match(r"^\$[sS](\d+)([A-Za-z_][A-Za-z0-9_]*)", symbol)
    if symbol.startswith("$ss") or symbol.startswith("$sS"):
        return "Swift standard library"
    if match:
        module = match.group(2)[: int(match.group(1))]
        for name, pattern in MODULES.items():
            if pattern.search(module):
                return name
        return f"Swift: {module}"
    if LIBPQ.search(symbol):
        return "libpq"
    if LIBC_IO.search(symbol):
        return "libc system call wrappers"
    if symbol.startswith("swift") or symbol.startswith("_swift"):
        return "Swift runtime (other)"
    if re.match(r"^(__)?(mem|str|wmem)", symbol):
        return "libc memory and strings"
    if re.match(r"^(__)?(GI___)?pthread_|^__lll_|^__futex", symbol):
        return "libc locks"
    if re.match(r"^(CF|__CF|_CF)", symbol):
        return "Foundation"
    return "other"


def main() -> None:
    totals: dict[str, float] = {}
    for line in sys.stdin:
        m = re.match(r"^\s*([0-9.]+)%\s+\[([.k])\]\s+(\S+)", line)
        if not m:
            continue
        name = area(m.group(3), m.group(2) == "k")
        totals[name] = totals.get(name, 0.0) + float(m.group(1))
    if not totals:
        sys.exit("profile-areas: no perf report lines on stdin")
    print("by area (self %, cronjob process):")
    for name, share in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"  {share:6.2f}%  {name}")


if __name__ == "__main__":
    main()
