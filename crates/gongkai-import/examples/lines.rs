//! Prints the lines of cells a file is read into, one line per row, cells separated by ` ¦ `
//! (a debugging aid for new layouts): `cargo run -p gongkai-import --example lines FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: lines FILE");
    let bytes = std::fs::read(path).expect("read the file");
    match gongkai_import::lines_of(&bytes) {
        Ok(lines) => {
            for line in lines {
                println!("{}", line.cells.join(" ¦ "));
            }
        }
        Err(e) => eprintln!("{e}"),
    }
}
