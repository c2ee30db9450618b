"""Builds the decant Python module from the repository's C library.

    make python                                 # in place, for the tests
    python3 -m pip install --no-build-isolation python/

Only Debian packages are needed (python3-dev, python3-setuptools and the
library's own -dev packages; scripts/setup.sh installs them).  The C library
is built, position-independent, into ../build-py (DECANT_BUILD overrides it)
by the repository's Makefile (DECANT_SKIP_MAKE=1 to link it as it is).
"""
import os
import subprocess

from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("DECANT_ROOT") or os.path.dirname(HERE)
BUILD = os.environ.get("DECANT_BUILD", "build-py")
BUILD_DIR = BUILD if os.path.isabs(BUILD) else os.path.join(ROOT, BUILD)
LIBRARY = os.path.join(BUILD_DIR, "libdecant.a")
# The Makefile's LIBS: what libdecant.a itself links against.
LIBS = ["modest", "m", "uchardet", "cjson", "z", "zstd", "deflate", "cld2", "stdc++", "pthread"]

if not os.path.isfile(os.path.join(ROOT, "include", "decant.h")):
    raise SystemExit("setup.py: %s is not the decant repository (set DECANT_ROOT)" % ROOT)

# A shared object cannot take the CLI's non-PIC objects, so the module gets a
# library of its own, built with -fPIC.  make is asked every time (a no-op
# when it is current), so that pip, run on its own, never links a stale one.
if os.environ.get("DECANT_SKIP_MAKE") != "1":
    subprocess.check_call(["make", "-C", ROOT, "--no-print-directory", "BUILD=" + BUILD,
                           "OPT=-O2 -fPIC", os.path.join(BUILD, "libdecant.a")])

setup(
    name="decant",
    version="0.1.0",
    description="Clean articles out of news web pages and web archives",
    license="Apache-2.0",
    python_requires=">=3.11",
    packages=["decant"],
    package_data={"decant": ["py.typed", "*.pyi"]},
    ext_modules=[
        Extension(
            "decant._decant",
            sources=["decant/_decant.c"],
            include_dirs=[os.path.join(ROOT, "include")],
            extra_objects=[LIBRARY],
            libraries=LIBS,
            extra_compile_args=["-std=c17", "-Wall", "-Wextra", "-O2"],
            # The static library's symbols stay inside the module, so they
            # cannot clash with another copy of decant in the same process.
            extra_link_args=["-Wl,--exclude-libs,ALL"],
            depends=[LIBRARY, os.path.join(ROOT, "include", "decant.h")],
        )
    ],
    zip_safe=False,
)
