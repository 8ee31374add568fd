"""Opens solution and particle files with xarray (h5netcdf engine) and selects by coordinate.

Usage: python3 xarray_check.py SOLUTION_1D SOLUTION_2D PARTICLES_2D
Exit 0 when every check holds; prints one line per file.
"""
import sys

import numpy as np
import xarray as xr


def check_solution_1d(path):
    with xr.open_dataset(path, engine="h5netcdf") as ds:
        assert ds.density.dims == ("t", "x"), ds.density.dims
        assert ds.score.dims == ("t", "x"), ds.score.dims
        assert ds.mass.dims == ("t",)
        t_last = float(ds.t[-1])
        x0 = float(ds.x[len(ds.x) // 2])
        p = ds.density.sel(t=t_last, x=x0)
        assert p.shape == () and np.isfinite(float(p)), p
        # nearest-coordinate selection lands on the same cell
        assert float(ds.density.sel(t=t_last, x=x0 + 1e-9, method="nearest")) == float(p)
        # the density integrates to the stored mass
        dx = float(ds.x[1] - ds.x[0])
        mass = float(ds.density.sel(t=t_last).sum()) * dx
        assert abs(mass - float(ds.mass.sel(t=t_last))) < 1e-12, (mass, float(ds.mass[-1]))
        assert ds.x.attrs["long_name"].startswith("x"), ds.x.attrs
        assert "scenario" in ds.attrs
    print(f"xarray: {path}: dims {dict(ds.sizes)}, sel(t, x) ok, mass {mass:.12f}")


def check_solution_2d(path):
    with xr.open_dataset(path, engine="h5netcdf") as ds:
        assert ds.density.dims == ("t", "x", "y"), ds.density.dims
        assert ds.velocity.dims == ("t", "x", "y", "component"), ds.velocity.dims
        assert list(ds.component.values) == ["x", "y"], ds.component.values
        vy = ds.velocity.sel(component="y").isel(t=-1)
        assert vy.dims == ("x", "y")
        # the two axes are distinct dimensions: a row and a column have different lengths when the grid does
        row = ds.density.isel(t=0).sel(x=float(ds.x[0]))
        assert row.dims == ("y",) and row.size == ds.sizes["y"]
    print(f"xarray: {path}: dims {dict(ds.sizes)}, sel(component='y') ok")


def check_particles_2d(path):
    with xr.open_dataset(path, engine="h5netcdf") as ds:
        assert ds.positions.dims == ("t", "particle", "component"), ds.positions.dims
        first = ds.positions.sel(t=float(ds.t[0]), particle=0, component="x")
        assert first.shape == () and np.isfinite(float(first))
        if "trajectories" in ds:
            assert ds.trajectories.dims == ("trajectoryTimes", "trajectory", "component"), ds.trajectories.dims
            # a recorded path starts where the particle started
            assert float(ds.trajectories.isel(trajectoryTimes=0).sel(trajectory=0, component="x")) == float(first)
    print(f"xarray: {path}: dims {dict(ds.sizes)}, sel(t, particle, component) ok")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    check_solution_1d(sys.argv[1])
    check_solution_2d(sys.argv[2])
    check_particles_2d(sys.argv[3])
    print("xarray check: passed")
