// Lets the binaries find libtorch at run time without LD_LIBRARY_PATH: torch-sys reports where
// it linked libtorch from, and we record that folder as an rpath.
fn main() {
    if let Ok(lib) = std::env::var("DEP_TCH_LIBTORCH_LIB") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{lib}");
    }
}
