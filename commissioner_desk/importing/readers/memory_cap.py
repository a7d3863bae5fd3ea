"""Cap the memory of the process this runs in, and say how much it has used at most.

Called by the reader process (reader_process.py) on itself, so that a reader asking for more
than the cap gets an allocation failure there, not in the app. Linux: the address space
(RLIMIT_AS), which counts memory set aside but never used too. Windows: a job object with a
limit on the process's committed memory, made through ctypes (the standard library), as
nothing in it sets one. Where neither works (macOS ignores RLIMIT_AS), the time limit and the
checks made before calamine remain.
"""

from __future__ import annotations

import ctypes
import sys

_JOB_MEMORY_LIMIT = 0x100  # JOB_OBJECT_LIMIT_PROCESS_MEMORY
_EXTENDED_LIMITS = 9  # JobObjectExtendedLimitInformation
_jobs: list[int] = []  # the job's handle, open for as long as the process lives


class _Basic(ctypes.Structure):
    _fields_ = [
        ("PerProcessUserTimeLimit", ctypes.c_int64),
        ("PerJobUserTimeLimit", ctypes.c_int64),
        ("LimitFlags", ctypes.c_uint32),
        ("MinimumWorkingSetSize", ctypes.c_size_t),
        ("MaximumWorkingSetSize", ctypes.c_size_t),
        ("ActiveProcessLimit", ctypes.c_uint32),
        ("Affinity", ctypes.c_size_t),
        ("PriorityClass", ctypes.c_uint32),
        ("SchedulingClass", ctypes.c_uint32),
    ]


class _Extended(ctypes.Structure):
    """JOBOBJECT_EXTENDED_LIMIT_INFORMATION (144 bytes in a 64-bit process)."""

    _fields_ = [
        ("BasicLimitInformation", _Basic),
        ("IoInfo", ctypes.c_uint64 * 6),
        ("ProcessMemoryLimit", ctypes.c_size_t),
        ("JobMemoryLimit", ctypes.c_size_t),
        ("PeakProcessMemoryUsed", ctypes.c_size_t),
        ("PeakJobMemoryUsed", ctypes.c_size_t),
    ]


def cap_memory(limit: int) -> bool:
    """Limit this process to `limit` bytes; True when the limit is in place."""
    if sys.platform == "win32":
        return _windows_job(limit)
    try:
        import resource
    except ImportError:
        return False
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        return False
    return True


def peak_memory() -> int:
    """The most memory this process has held, in bytes: resident (Linux, macOS), committed
    (Windows, under the job); 0 where it cannot be told."""
    if sys.platform == "win32":
        info = _job_information()
        return info.PeakProcessMemoryUsed if info is not None else 0
    try:
        # Linux: this program's own high-water mark. getrusage's would count the app's memory
        # too, for Linux keeps it across the exec that started this process.
        with open("/proc/self/status", "rb") as status:
            line = next(line for line in status if line.startswith(b"VmHWM:"))
        return int(line.split()[1]) * 1024
    except (OSError, StopIteration, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:
        return 0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # macOS: bytes


def _kernel32():  # Windows only
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.CreateJobObjectW.argtypes = (ctypes.c_void_p, wintypes.LPCWSTR)
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.SetInformationJobObject.argtypes = (
        wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD,
    )  # fmt: skip
    kernel32.SetInformationJobObject.restype = wintypes.BOOL
    kernel32.QueryInformationJobObject.argtypes = (
        wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD, ctypes.c_void_p,
    )  # fmt: skip
    kernel32.QueryInformationJobObject.restype = wintypes.BOOL
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    kernel32.AssignProcessToJobObject.argtypes = (wintypes.HANDLE, wintypes.HANDLE)
    kernel32.AssignProcessToJobObject.restype = wintypes.BOOL
    return kernel32


def _windows_job(limit: int) -> bool:
    try:
        kernel32 = _kernel32()
        job = kernel32.CreateJobObjectW(None, None)
        if not job:
            return False
        info = _Extended()
        info.BasicLimitInformation.LimitFlags = _JOB_MEMORY_LIMIT
        info.ProcessMemoryLimit = limit
        size = ctypes.sizeof(info)
        if not kernel32.SetInformationJobObject(job, _EXTENDED_LIMITS, ctypes.byref(info), size):
            return False
        # Windows 8 and later allow a process in a job (as some launchers start one) to join a
        # second; the tighter limit applies.
        if not kernel32.AssignProcessToJobObject(job, kernel32.GetCurrentProcess()):
            return False
    except (OSError, AttributeError):
        return False
    _jobs.append(job)
    return True


def _job_information() -> _Extended | None:
    if not _jobs:
        return None
    info = _Extended()
    try:
        ok = _kernel32().QueryInformationJobObject(
            _jobs[0], _EXTENDED_LIMITS, ctypes.byref(info), ctypes.sizeof(info), None
        )
    except (OSError, AttributeError):
        return None
    return info if ok else None
