public class Hello {
  public static void main(String[] args) {
    StringBuilder sb = new StringBuilder();
    for (String w : new String[] {"ballast", "on", "a", "jre"}) sb.append(w).append(' ');
    System.out.println("hello from java: " + sb.toString().trim());
  }
}
